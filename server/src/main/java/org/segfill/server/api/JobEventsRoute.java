package org.segfill.server.api;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.segfill.server.http.ApiException;
import org.segfill.server.http.Responses;
import org.segfill.server.http.Route;
import org.segfill.server.jobs.Job;
import org.segfill.server.jobs.JobEvent;
import org.segfill.server.jobs.JobEventSink;
import org.segfill.server.jobs.JobRegistry;
import org.segfill.server.store.JobManifest;
import org.segfill.server.store.ResultStore;

/**
 * {@code GET /v1/jobs/{id}/events}: the job's server-sent events. A subscriber first gets the
 * job's current state, then every later event, until the terminal one. The job hands events to
 * a per-stream queue and never waits for the client: this request's own thread does the
 * writing, so a slow or dropped client only loses its own stream (when its queue backs up, step
 * events are skipped; results and the end never are). Streams are capped
 * ({@code maxEventStreams}) because each holds a server thread.
 */
public final class JobEventsRoute {

  /** Seconds between keep-alive comments on an idle stream. */
  static final long KEEP_ALIVE_SECONDS = 15;
  /** Step events queued for one slow stream before further steps are skipped. */
  static final int MAX_QUEUED_STEPS = 64;

  private final JobRegistry jobs;
  private final ResultStore results;
  private final int maxStreams;
  private final Semaphore streams;
  private final BooleanSupplier closing;

  /** The route over {@code jobs}, with at most {@code maxStreams} open streams. */
  public JobEventsRoute(JobRegistry jobs, ResultStore results, int maxStreams,
      BooleanSupplier closing) {
    this.jobs = jobs;
    this.results = results;
    this.maxStreams = maxStreams;
    this.streams = new Semaphore(maxStreams);
    this.closing = closing;
  }

  /** The routes of this group. */
  public List<Route> routes() {
    return List.of(Route.get("/v1/jobs/{id}/events", this::events));
  }

  /** Streams open now. */
  public int openStreams() {
    return maxStreams - streams.availablePermits();
  }

  private void events(Context ctx) throws InterruptedException {
    String id = ctx.pathParam("id");
    Optional<Job> job = jobs.get(id);
    Optional<JobManifest> manifest = job.isPresent() ? Optional.empty() : results.manifest(id);
    if (job.isEmpty() && manifest.isEmpty()) {
      throw ApiException.notFound("id", "id: no job '" + id + "'");
    }
    if (!streams.tryAcquire()) {
      throw ApiException.busy("too-many-streams", "too many event streams are open; poll"
          + " GET /v1/jobs/{id} instead, or retry", 5);
    }
    BlockingQueue<JobEvent> queue = new LinkedBlockingQueue<>();
    JobEventSink sink = event -> {
      if (!event.name().equals("step") || queue.size() < MAX_QUEUED_STEPS) {
        queue.offer(event);
      }
    };
    try {
      List<JobEvent> first = job.isPresent() ? job.get().subscribe(sink)
          : replay(manifest.get());
      stream(ctx, first, queue);
    } finally {
      job.ifPresent(j -> j.unsubscribe(sink));
      streams.release();
    }
  }

  private void stream(Context ctx, List<JobEvent> first, BlockingQueue<JobEvent> queue)
      throws InterruptedException {
    ctx.status(200);
    ctx.res().setContentType("text/event-stream;charset=utf-8");
    ctx.res().setHeader("Cache-Control", "no-cache");
    ctx.res().setHeader("X-Accel-Buffering", "no");
    try {
      OutputStream out = ctx.res().getOutputStream();
      for (JobEvent e : first) {
        write(out, e);
        if (e.terminal()) {
          return;
        }
      }
      long idleSince = System.nanoTime();
      while (true) {
        JobEvent e = queue.poll(1, TimeUnit.SECONDS);
        if (e != null) {
          write(out, e);
          idleSince = System.nanoTime();
          if (e.terminal()) {
            return;
          }
        } else if (closing.getAsBoolean()) {
          return;
        } else if (System.nanoTime() - idleSince > TimeUnit.SECONDS.toNanos(KEEP_ALIVE_SECONDS)) {
          // Also how a vanished client is noticed while the job is quiet.
          out.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
          out.flush();
          idleSince = System.nanoTime();
        }
      }
    } catch (IOException e) {
      // The client went away; the job carries on without this stream.
    }
  }

  private static void write(OutputStream out, JobEvent e) throws IOException {
    StringBuilder text = new StringBuilder();
    if (e.id() >= 0) {
      text.append("id: ").append(e.id()).append('\n');
    }
    text.append("event: ").append(e.name()).append('\n');
    text.append("data: ").append(new String(Responses.json(e.data()), StandardCharsets.UTF_8))
        .append("\n\n");
    out.write(text.toString().getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private static List<JobEvent> replay(JobManifest m) {
    Map<String, Object> job = JobRoutes.fromManifest(m);
    List<JobEvent> events = new ArrayList<>();
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> list = (List<Map<String, Object>>) job.get("results");
    list.forEach(r -> events.add(new JobEvent(-1, "result", r)));
    events.add(new JobEvent(-1, "done", job));
    return events;
  }
}
