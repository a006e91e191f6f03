package org.segfill.bench.report;

/**
 * One stage measured on one backend: latency percentiles in milliseconds over {@code samples}
 * timed operations, and the bytes the stage must at least stream from memory once per operation
 * (its graph weights, or a kernel's reads and writes; 0 when unknown), for the bandwidth floor.
 *
 * @param stage the stage id, e.g. {@code sam.encode} (see {@link Stage})
 * @param backend the backend id, e.g. {@code ort-cpu}
 * @param samples timed operations behind the percentiles
 * @param bytesPerOp bytes streamed per operation at least, 0 when unknown
 */
public record StageResult(String stage, String backend, long samples, double p50Ms,
    double p90Ms, double p99Ms, double meanMs, long bytesPerOp) {

  /** Checks the percentiles are ordered and finite, so a report never shows a broken row. */
  public StageResult {
    if (samples < 1) {
      throw new IllegalArgumentException("samples: must be >= 1, got " + samples);
    }
    if (!(p50Ms >= 0 && p50Ms <= p90Ms && p90Ms <= p99Ms && Double.isFinite(p99Ms))) {
      throw new IllegalArgumentException("percentiles: need 0 <= p50 <= p90 <= p99, got "
          + p50Ms + ", " + p90Ms + ", " + p99Ms);
    }
    if (bytesPerOp < 0) {
      throw new IllegalArgumentException("bytesPerOp: must be >= 0, got " + bytesPerOp);
    }
  }

  /**
   * The time to stream {@link #bytesPerOp} once at {@code copyGbPerSecond}, in ms, or NaN when
   * either is unknown: no implementation of the stage can beat it on this memory system.
   */
  public double floorMs(double copyGbPerSecond) {
    return bytesPerOp > 0 && copyGbPerSecond > 0 ? bytesPerOp / (copyGbPerSecond * 1e6)
        : Double.NaN;
  }
}
