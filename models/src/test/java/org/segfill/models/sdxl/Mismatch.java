package org.segfill.models.sdxl;

import java.util.Optional;
import java.util.function.IntFunction;

/**
 * How a run of floats differs from its expected values when some element is off by more than
 * {@code abs + rel * |expected|}.
 *
 * @param off how many elements are off
 * @param compared how many were compared
 * @param worst the element furthest beyond its tolerance, named for the message
 * @param expected its expected value
 * @param got its value
 */
record Mismatch(int off, int compared, String worst, float expected, float got) {

  /**
   * Compares {@code got[gotFrom + i]} with {@code expected[expectedFrom + i]} for i below
   * {@code n}; {@code where} names element i.
   */
  static Optional<Mismatch> of(float[] expected, int expectedFrom, float[] got, int gotFrom,
      int n, double abs, double rel, IntFunction<String> where) {
    int off = 0;
    int worst = -1;
    double worstExcess = 0;
    for (int i = 0; i < n; i++) {
      double e = expected[expectedFrom + i];
      double g = got[gotFrom + i];
      double excess = Math.abs(g - e) - (abs + rel * Math.abs(e));
      // NaN counts as off: a comparison with NaN is false, so test the negation.
      if (!(excess <= 0)) {
        off++;
        double size = Double.isNaN(excess) ? Double.POSITIVE_INFINITY : excess;
        if (worst < 0 || size > worstExcess) {
          worst = i;
          worstExcess = size;
        }
      }
    }
    if (off == 0) {
      return Optional.empty();
    }
    return Optional.of(new Mismatch(off, n, where.apply(worst), expected[expectedFrom + worst],
        got[gotFrom + worst]));
  }

  /** {@link #of} over whole arrays, which must have the same length to match. */
  static Optional<Mismatch> of(float[] expected, float[] got, double abs, double rel,
      IntFunction<String> where) {
    if (expected.length != got.length) {
      return Optional.of(new Mismatch(Math.max(expected.length, got.length),
          expected.length, "the length: expected " + expected.length + " values, got "
          + got.length, Float.NaN, Float.NaN));
    }
    return of(expected, 0, got, 0, expected.length, abs, rel, where);
  }

  @Override
  public String toString() {
    return String.format("%d of %d values differ; worst at %s: expected %.6g, got %.6g"
        + " (|diff| %.2g)", off, compared, worst, expected, got, Math.abs(got - expected));
  }
}
