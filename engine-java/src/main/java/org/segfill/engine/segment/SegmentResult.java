package org.segfill.engine.segment;

import java.util.List;

/**
 * The chosen mask (0 or 255 per pixel, width*height bytes, row-major) with every candidate the
 * engine produced and the index of the chosen one.
 */
public record SegmentResult(int width, int height, byte[] mask, List<Candidate> candidates, int best) {

  public SegmentResult {
    if (mask.length != (long) width * height) {
      throw new IllegalArgumentException(
          "mask.length must be width*height = " + (long) width * height + ", got " + mask.length);
    }
    candidates = List.copyOf(candidates);
    if (best < 0 || best >= candidates.size()) {
      throw new IllegalArgumentException(
          "best must be in [0, " + candidates.size() + "), got " + best);
    }
  }

  /** Selected pixels in the chosen mask. */
  public long area() {
    return candidates.get(best).area();
  }
}
