package org.segfill.engine.sdxl;

/**
 * Checks a stage's output for NaN and infinities before the next stage turns them into pixels:
 * the kernels map NaN to 0, so without this an overflowing fp16 graph gives a black image and no
 * error.
 */
final class FiniteCheck {

  private FiniteCheck() {}

  /** Throws {@link NonFiniteOutputException} with {@code what} if any value is not finite. */
  static void require(float[] values, String what) {
    int bad = 0;
    int first = -1;
    for (int i = 0; i < values.length; i++) {
      // v - v is 0 for every finite v and NaN for NaN and both infinities.
      float v = values[i];
      if (v - v != 0f) {
        if (first < 0) {
          first = i;
        }
        bad++;
      }
    }
    if (bad > 0) {
      throw new NonFiniteOutputException(what + ": " + bad + " of " + values.length
          + " values are NaN or infinite (the first at index " + first + ", " + values[first]
          + ")");
    }
  }
}
