package org.segfill.server.jobs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One generation job: its state, progress, results and subscribers. State changes and event
 * delivery happen under the job's lock, so a subscriber gets the current state and then every
 * later event, none twice and none missing. Sinks never block (see {@link JobEventSink}).
 */
public final class Job {

  private final String id;
  private final Instant created = Instant.now();
  // Released when the job ends: finished jobs stay in memory for the retention period (600 s by
  // default), and their photo, mask and background would otherwise stay with them, even after
  // the image cache has let them go. What outlives the run is kept apart.
  private JobSpec spec;
  private final Map<String, Object> summary;
  private final int count;
  private final AtomicBoolean cancel = new AtomicBoolean();

  private JobState state = JobState.QUEUED;
  private int step;
  private int steps;
  private Instant started;
  private Instant finished;
  private final List<JobResult> results = new ArrayList<>();
  private Map<String, Long> timings = Map.of();
  private List<String> warnings = List.of();
  private Map<String, Object> error;
  private long sequence;
  private final List<JobEventSink> sinks = new ArrayList<>();

  /** A queued job. */
  public Job(String id, JobSpec spec) {
    this.id = id;
    this.spec = spec;
    this.summary = spec.summary();
    this.count = spec.request().generation().count();
  }

  public String id() {
    return id;
  }

  /**
   * What the job was asked to do, for the runner.
   *
   * @throws IllegalStateException once the job has ended (the spec is released then)
   */
  public synchronized JobSpec spec() {
    if (spec == null) {
      throw new IllegalStateException("job " + id + " has ended; its spec is released");
    }
    return spec;
  }

  /** The number of variants requested. */
  public int count() {
    return count;
  }

  public Instant created() {
    return created;
  }

  /** Asks the job to stop; the runner sees it between denoising steps. */
  public void requestCancel() {
    cancel.set(true);
  }

  /** Whether cancellation was asked for. */
  public boolean cancelRequested() {
    return cancel.get();
  }

  public synchronized JobState state() {
    return state;
  }

  /** When it reached a terminal state, or null. */
  public synchronized Instant finished() {
    return finished;
  }

  /** The results written so far. */
  public synchronized List<JobResult> results() {
    return List.copyOf(results);
  }

  /**
   * Registers {@code sink} for later events and returns the events that describe the job now:
   * its state ({@code queued} or the latest {@code step}), the results so far, and the terminal
   * event if it has ended (then {@code sink} is not kept).
   */
  public synchronized List<JobEvent> subscribe(JobEventSink sink) {
    List<JobEvent> now = new ArrayList<>();
    if (state == JobState.QUEUED) {
      now.add(new JobEvent(-1, "queued", queuedData()));
    } else if (state == JobState.RUNNING) {
      now.add(new JobEvent(-1, "step", stepData(null)));
    }
    results.forEach(r -> now.add(new JobEvent(-1, "result", r.toJson())));
    if (state.terminal()) {
      now.add(new JobEvent(-1, terminalName(), terminalData()));
    } else {
      sinks.add(sink);
    }
    return now;
  }

  /** Stops delivering events to {@code sink}. */
  public synchronized void unsubscribe(JobEventSink sink) {
    sinks.remove(sink);
  }

  /** Announces the job as queued. */
  public synchronized void queued() {
    emit("queued", queuedData());
  }

  /** Moves to running unless cancelled first; returns whether it did. */
  public synchronized boolean start() {
    if (cancel.get() || state != JobState.QUEUED) {
      return false;
    }
    state = JobState.RUNNING;
    started = Instant.now();
    return true;
  }

  /** Records a denoising step, with an optional preview data URI. */
  public synchronized void step(int done, int total, String preview) {
    step = done;
    steps = total;
    emit("step", stepData(preview));
  }

  /** Records a result written to disk. */
  public synchronized void result(JobResult r) {
    results.add(r);
    emit("result", r.toJson());
  }

  /** Ends the job successfully. */
  public synchronized void succeed(Map<String, Long> stageTimings, List<String> notes) {
    timings = Map.copyOf(stageTimings);
    warnings = List.copyOf(notes);
    end(JobState.SUCCEEDED);
  }

  /** Ends the job with an error (a problem document). */
  public synchronized void fail(Map<String, Object> problem) {
    error = problem;
    end(JobState.FAILED);
  }

  /** Ends the job as cancelled. */
  public synchronized void cancelled() {
    if (!state.terminal()) {
      end(JobState.CANCELLED);
    }
  }

  /** The API form of the job. */
  public synchronized Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", id);
    json.put("state", state.id());
    json.put("step", step);
    json.put("steps", steps);
    json.put("cancelRequested", cancel.get());
    json.put("created", created.toString());
    json.put("started", started == null ? null : started.toString());
    json.put("finished", finished == null ? null : finished.toString());
    json.put("request", summary);
    json.put("results", results.stream().map(JobResult::toJson).toList());
    json.put("timings", timings);
    json.put("warnings", warnings);
    if (error != null) {
      json.put("error", error);
    }
    json.put("events", "/v1/jobs/" + id + "/events");
    return json;
  }

  private void end(JobState terminal) {
    spec = null;
    state = terminal;
    finished = Instant.now();
    emit(terminalName(), terminalData());
    sinks.clear();
  }

  private String terminalName() {
    return state == JobState.SUCCEEDED ? "done" : state == JobState.FAILED ? "failed"
        : "cancelled";
  }

  private Map<String, Object> terminalData() {
    if (state == JobState.SUCCEEDED) {
      return toJson();
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("id", id);
    data.put("state", state.id());
    data.put("step", step);
    data.put("steps", steps);
    if (error != null) {
      data.put("error", error);
    }
    return data;
  }

  private Map<String, Object> queuedData() {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("id", id);
    data.put("state", state.id());
    return data;
  }

  private Map<String, Object> stepData(String preview) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("step", step);
    data.put("steps", steps);
    data.put("state", state.id());
    if (preview != null) {
      data.put("preview", preview);
    }
    return data;
  }

  private void emit(String name, Map<String, Object> data) {
    JobEvent event = new JobEvent(++sequence, name, data);
    for (JobEventSink sink : List.copyOf(sinks)) {
      sink.accept(event);
    }
  }
}
