package org.segfill.engine.segment;

/**
 * One proposed mask at the image's size (0 or 255 per pixel), the engine's confidence in it (NaN
 * when the engine has none) and its area in selected pixels.
 */
public record Candidate(byte[] mask, float score, long area) {

  /** A candidate whose area is counted from the mask. */
  public static Candidate of(byte[] mask, float score) {
    long area = 0;
    for (byte b : mask) {
      if (b != 0) {
        area++;
      }
    }
    return new Candidate(mask, score, area);
  }
}
