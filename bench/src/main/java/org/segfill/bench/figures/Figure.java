package org.segfill.bench.figures;

/**
 * One measured figure and its goal on an H100.
 *
 * @param id stable id in report.json, e.g. {@code sdxl.inpaint.p50}
 * @param label what was measured, as the markdown shows it
 * @param value the measured value, in {@code unit}
 * @param unit {@code ms} or {@code %}
 * @param goal the upper bound on an H100 with the real bundles, in {@code unit}; null for none
 * @param verdict {@code value} against {@code goal}
 */
public record Figure(String id, String label, double value, String unit, Double goal,
    Verdict verdict) {

  /** Checks the value is a number, so no report shows NaN as a measurement. */
  public Figure {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(id + ": value must be finite, got " + value);
    }
  }
}
