package org.segfill.server;

import java.util.function.Function;

/**
 * One configuration key of {@code segfill serve}: its name in the JSON config file, its flag,
 * its environment variable and its default. The flags, the environment, the file and the
 * README's table all come from this list, so they cannot drift apart.
 */
public enum Setting {
  CONFIG("config", "--config", "A JSON file of settings, keys as listed here.", null),
  BIND("bind", "--bind", "Address to listen on.", "127.0.0.1"),
  PORT("port", "--port", "TCP port; 0 picks a free one.", "7070"),
  SAM("sam", "--sam", "A SAM bundle directory (sam-onnx or hf layout); without it the"
      + " classic GrabCut segmenter serves.", null),
  SDXL("sdxl", "--sdxl", "An SDXL inpainting bundle directory; without it the classic"
      + " inpainter serves (composite and fill).", null),
  BACKEND("backend", "--backend", "auto (picks the best available of tensorrt, ort-cuda and"
      + " ort-cpu, and says why), or one of them (refused with the reason if unavailable).",
      "auto"),
  RESULTS("results", "--results", "Directory for result PNGs and recipes, kept across"
      + " restarts.", "./segfill-results"),
  TOKEN("token", "--token", "Bearer token required on every API request (prefer the"
      + " environment variable: flags show in ps). Required to bind beyond loopback.", null),
  ALLOW_HOSTS("allowHosts", "--allow-host", "Extra Host names to accept, comma-separated"
      + " (e.g. a reverse proxy's name); loopback names and the bind address always are.", ""),
  MAX_UPLOAD_BYTES("maxUploadBytes", "--max-upload-bytes", "Largest image or mask upload.",
      limit(ServerLimits::maxUploadBytes)),
  MAX_JSON_BYTES("maxJsonBytes", "--max-json-bytes", "Largest JSON request body.",
      limit(ServerLimits::maxJsonBytes)),
  MAX_PIXELS("maxPixels", "--max-pixels", "Largest decoded image in pixels (from the header).",
      limit(ServerLimits::maxPixels)),
  MAX_SIDE("maxSide", "--max-side", "Largest decoded image side in pixels.",
      limit(ServerLimits::maxSide)),
  MAX_POINTS("maxPoints", "--max-points", "Most clicks per segment request (at most 64).",
      limit(ServerLimits::maxPoints)),
  QUEUE_LENGTH("queueLength", "--queue-length", "Generation jobs that may wait; one more"
      + " answers 429 with Retry-After.", limit(ServerLimits::queueLength)),
  CONCURRENT_JOBS("concurrentJobs", "--concurrent-jobs", "Generation jobs that run at once.",
      limit(ServerLimits::concurrentJobs)),
  SEGMENT_THREADS("segmentThreads", "--segment-threads", "Threads of the segmentation lane.",
      limit(ServerLimits::segmentThreads)),
  SEGMENT_QUEUE_LENGTH("segmentQueueLength", "--segment-queue-length", "Segmentation tasks"
      + " that may wait for a lane thread.", limit(ServerLimits::segmentQueueLength)),
  CACHE_BYTES("cacheBytes", "--cache-bytes", "Budget of the image and mask cache.",
      limit(ServerLimits::cacheBytes)),
  EMBEDDING_CACHE_BYTES("embeddingCacheBytes", "--embedding-cache-bytes", "Budget of the SAM"
      + " embedding cache (about 4 MiB per image).", limit(ServerLimits::embeddingCacheBytes)),
  JOB_RETENTION_SECONDS("jobRetentionSeconds", "--job-retention-seconds", "How long finished"
      + " jobs stay in memory.", limit(ServerLimits::jobRetentionSeconds)),
  RESULT_RETENTION_SECONDS("resultRetentionSeconds", "--result-retention-seconds", "How long"
      + " results stay on disk; 0 keeps them.", limit(ServerLimits::resultRetentionSeconds)),
  MAX_EVENT_STREAMS("maxEventStreams", "--max-event-streams", "Server-sent event streams open"
      + " at once.", limit(ServerLimits::maxEventStreams)),
  SHUTDOWN_GRACE_SECONDS("shutdownGraceSeconds", "--shutdown-grace-seconds", "How long running"
      + " jobs may take to finish on shutdown before they are cancelled.",
      limit(ServerLimits::shutdownGraceSeconds));

  private final String key;
  private final String flag;
  private final String help;
  private final String defaultValue;

  Setting(String key, String flag, String help, String defaultValue) {
    this.key = key;
    this.flag = flag;
    this.help = help;
    this.defaultValue = defaultValue;
  }

  private static String limit(Function<ServerLimits, Number> bound) {
    return String.valueOf(bound.apply(ServerLimits.defaults()));
  }

  /** The key in the JSON config file and in messages, e.g. {@code maxUploadBytes}. */
  public String key() {
    return key;
  }

  /** The command-line flag, e.g. {@code --max-upload-bytes}. */
  public String flag() {
    return flag;
  }

  /** The environment variable, e.g. {@code SEGFILL_MAX_UPLOAD_BYTES}. */
  public String env() {
    return "SEGFILL_" + name();
  }

  /** One line saying what the setting does. */
  public String help() {
    return help;
  }

  /** The default as text, or null when the setting is off by default. */
  public String defaultValue() {
    return defaultValue;
  }
}
