package org.segfill.server.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * The server's metrics, one registry per server instance, exposed at {@code /metrics} in the
 * Prometheus text format. Written here rather than with the Prometheus client library because
 * the server needs four counters, two histograms and a few gauges, which fit in four small
 * classes, and the library would add two dependencies (one shading protobuf) to the jar.
 */
public final class Metrics {

  /** Content type of {@link #scrape()}. */
  public static final String CONTENT_TYPE = PrometheusText.CONTENT_TYPE;

  private record Gauge(String name, String help, DoubleSupplier value) {}

  private final Counter requests = new Counter("segfill_http_requests_total",
      "HTTP requests by method, route template and status.", List.of("method", "route",
          "status"));
  private final Histogram requestSeconds = new Histogram("segfill_http_request_duration_seconds",
      "HTTP request latency by method and route template.", List.of("method", "route"));
  private final Histogram stageSeconds = new Histogram("segfill_stage_duration_seconds",
      "Time per engine stage: SAM embed/prompt/decoder/postprocess, the classic segmenter,"
          + " each generation stage, queue wait and whole jobs.", List.of("stage"));
  private final Counter jobs = new Counter("segfill_jobs_total",
      "Generation jobs by outcome: succeeded, failed, cancelled, rejected (queue full).",
      List.of("outcome"));
  private final Counter previews = new Counter("segfill_previews_total",
      "Step previews of generation jobs by outcome: encoded; dropped (a newer step's preview"
          + " arrived before the encoder got to it); failed (the encoder threw).",
      List.of("outcome"));
  private final List<Gauge> gauges = new ArrayList<>();

  /** Counts HTTP requests. */
  public Counter requests() {
    return requests;
  }

  /** HTTP latency. */
  public Histogram requestSeconds() {
    return requestSeconds;
  }

  /** Per-stage engine timings. */
  public Histogram stageSeconds() {
    return stageSeconds;
  }

  /** Job outcomes. */
  public Counter jobs() {
    return jobs;
  }

  /** Step preview outcomes. */
  public Counter previews() {
    return previews;
  }

  /** Registers a gauge read at each scrape. */
  public synchronized void gauge(String name, String help, DoubleSupplier value) {
    gauges.add(new Gauge(name, help, value));
  }

  /** Everything, in the Prometheus text format. */
  public synchronized String scrape() {
    StringBuilder out = new StringBuilder(8192);
    requests.write(out);
    requestSeconds.write(out);
    stageSeconds.write(out);
    jobs.write(out);
    previews.write(out);
    for (Gauge g : gauges) {
      PrometheusText.header(out, g.name(), g.help(), "gauge");
      PrometheusText.sample(out, g.name(), List.of(), List.of(), null, g.value().getAsDouble());
    }
    return out.toString();
  }
}
