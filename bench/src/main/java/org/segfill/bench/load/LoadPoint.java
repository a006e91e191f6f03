package org.segfill.bench.load;

/**
 * Click latency over HTTP at one load level: {@code clients} closed-loop clients clicking while
 * {@code generations} generation jobs are kept in flight. Latencies in ms.
 *
 * @param clicks clicks answered 200 in the measured window
 * @param errors clicks answered otherwise, or failed
 * @param generationsPerMinute generations finished per minute in the window (0 without any)
 * @param generationsFailed generation jobs that failed in the window
 */
public record LoadPoint(int clients, int generations, long clicks, long errors, double p50Ms,
    double p99Ms, double clicksPerSecond, double generationsPerMinute,
    long generationsFailed) {

  /** Checks the counts and that p50 <= p99. */
  public LoadPoint {
    if (clients < 0 || generations < 0 || clicks < 0 || errors < 0 || generationsFailed < 0) {
      throw new IllegalArgumentException("clients, generations, clicks, errors, generationsFailed:"
          + " must be >= 0");
    }
    if (clicks > 0 && !(p50Ms >= 0 && p50Ms <= p99Ms)) {
      throw new IllegalArgumentException("percentiles: need 0 <= p50 <= p99, got " + p50Ms
          + ", " + p99Ms);
    }
  }
}
