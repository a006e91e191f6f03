package org.segfill.bench.load;

import java.util.Arrays;

/**
 * Nearest-rank percentiles of a sample (the smallest value with at least p% at or below it), so
 * every percentile is a value that was measured. Shared by the load benchmark and the GPU
 * figures.
 */
public final class Percentiles {

  private final double[] sorted;

  /** The percentiles of {@code values} (copied; at least one). */
  public Percentiles(double[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("values: need at least one sample");
    }
    sorted = values.clone();
    Arrays.sort(sorted);
  }

  /** The p-th percentile, p in (0, 100]. */
  public double at(double p) {
    if (!(p > 0 && p <= 100)) {
      throw new IllegalArgumentException("p: must be in (0, 100], got " + p);
    }
    int rank = (int) Math.ceil(p / 100 * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }
}
