package org.segfill.server;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Nearest-rank percentiles of a sample. */
final class Percentiles {

  private Percentiles() {}

  /** The {@code q}-quantile (0 < q <= 1) by nearest rank: the smallest value with q at or below. */
  static double of(List<Double> sample, double q) {
    if (sample.isEmpty()) {
      throw new IllegalArgumentException("sample: empty");
    }
    List<Double> sorted = new ArrayList<>(sample);
    Collections.sort(sorted);
    int rank = (int) Math.ceil(q * sorted.size());
    return sorted.get(Math.max(0, rank - 1));
  }
}
