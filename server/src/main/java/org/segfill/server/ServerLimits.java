package org.segfill.server;

/**
 * Every bound {@code segfill serve} enforces, each named as its configuration key (see
 * {@link Setting}). Messages name the key and its allowed range.
 *
 * @param maxUploadBytes largest image or mask upload body, in bytes (multipart bodies may carry
 *     {@link #MULTIPART_OVERHEAD_BYTES} more for their headers)
 * @param maxJsonBytes largest JSON request body, in bytes
 * @param maxPixels largest decoded image, in pixels (width * height), checked from the header
 * @param maxSide largest decoded image side, in pixels
 * @param maxPoints most clicks in one segment request
 * @param queueLength generation jobs that may wait for a worker; one more answers 429
 * @param concurrentJobs generation jobs that run at once
 * @param segmentThreads threads of the segmentation lane (clicks, embedding precompute)
 * @param segmentQueueLength segmentation tasks that may wait for a lane thread
 * @param cacheBytes budget of the image and mask cache (decoded pixels and PNGs)
 * @param embeddingCacheBytes budget of the SAM embedding cache
 * @param jobRetentionSeconds how long a finished job stays in memory
 * @param resultRetentionSeconds how long results stay on disk; 0 keeps them
 * @param maxEventStreams server-sent event streams open at once
 * @param shutdownGraceSeconds how long running jobs may take to finish on shutdown
 */
public record ServerLimits(
    long maxUploadBytes,
    long maxJsonBytes,
    long maxPixels,
    int maxSide,
    int maxPoints,
    int queueLength,
    int concurrentJobs,
    int segmentThreads,
    int segmentQueueLength,
    long cacheBytes,
    long embeddingCacheBytes,
    long jobRetentionSeconds,
    long resultRetentionSeconds,
    int maxEventStreams,
    int shutdownGraceSeconds) {

  /** Room for multipart boundaries, part headers and the small text fields of an upload. */
  public static final long MULTIPART_OVERHEAD_BYTES = 64 * 1024;

  /** Bodies larger than this cannot be held in one Java array. */
  public static final long MAX_BODY_CAP = Integer.MAX_VALUE - 8 - MULTIPART_OVERHEAD_BYTES;

  /** Checks every bound; messages start with the configuration key. */
  public ServerLimits {
    inRange("maxUploadBytes", maxUploadBytes, 1, MAX_BODY_CAP);
    inRange("maxJsonBytes", maxJsonBytes, 64, MAX_BODY_CAP);
    inRange("maxPixels", maxPixels, 1, 500_000_000L);
    inRange("maxSide", maxSide, 1, 32768);
    inRange("maxPoints", maxPoints, 1, org.segfill.engine.segment.Prompt.MAX_POINTS);
    inRange("queueLength", queueLength, 0, 100_000);
    inRange("concurrentJobs", concurrentJobs, 1, 64);
    inRange("segmentThreads", segmentThreads, 1, 64);
    inRange("segmentQueueLength", segmentQueueLength, 1, 100_000);
    inRange("cacheBytes", cacheBytes, 1, Long.MAX_VALUE);
    inRange("embeddingCacheBytes", embeddingCacheBytes, 0, Long.MAX_VALUE);
    inRange("jobRetentionSeconds", jobRetentionSeconds, 1, 365L * 24 * 3600);
    inRange("resultRetentionSeconds", resultRetentionSeconds, 0, 100L * 365 * 24 * 3600);
    inRange("maxEventStreams", maxEventStreams, 1, 10_000);
    inRange("shutdownGraceSeconds", shutdownGraceSeconds, 0, 3600);
  }

  /** The defaults of reliability.md: 25 MiB uploads, 1 MiB JSON, 40 MP, 8192 px, 64 points. */
  public static ServerLimits defaults() {
    return new ServerLimits(25L * 1024 * 1024, 1024 * 1024, 40_000_000L, 8192, 64, 8, 1, 2, 64,
        1024L * 1024 * 1024, 256L * 1024 * 1024, 600, 0, 64, 30);
  }

  private static void inRange(String key, long value, long min, long max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(key + " must be in [" + min + ", " + max + "], got "
          + value);
    }
  }
}
