package org.segfill.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Cancels long jobs while the load runs, alternating between a job still queued (cancelled at
 * once after its submission) and a running one (cancelled after its second step), and records
 * where each one stopped. A submission refused with 429 is retried after 100 ms.
 */
final class CancelProber {

  /** One cancel: whether the job was running, its step when the cancel answered, its last. */
  record Cancel(boolean running, int stepAtCancel, int finalStep, String finalState,
      boolean everStarted) {
    @Override
    public String toString() {
      return (running ? "running" : "queued") + " cancel at step " + stepAtCancel + " -> "
          + finalState + " at step " + finalStep + (everStarted ? "" : " (never started)");
    }
  }

  private final ApiClient api;
  private final LoadPhotos.Photo photo;
  private long deadline;
  private boolean wantRunning;
  private final List<Cancel> cancels = Collections.synchronizedList(new ArrayList<>());
  private final List<String> problems = Collections.synchronizedList(new ArrayList<>());

  CancelProber(ApiClient api, LoadPhotos.Photo photo) {
    this.api = api;
    this.photo = photo;
  }

  List<Cancel> cancels() {
    return List.copyOf(cancels);
  }

  /** What went other than expected (an unexpected status, a job that never ended). */
  List<String> problems() {
    return List.copyOf(problems);
  }

  /** Probes until {@code deadlineNanos}, carrying on the alternation of earlier calls. */
  void runUntil(long deadlineNanos) {
    deadline = deadlineNanos;
    while (System.nanoTime() < deadline) {
      try {
        probe(wantRunning);
      } catch (RuntimeException | AssertionError e) {
        problems.add(e.toString());
      }
      wantRunning = !wantRunning;
    }
  }

  private void probe(boolean wantRunning) {
    String id = submit();
    if (id == null) {
      return;
    }
    if (wantRunning && !awaitStep(id, 2)) {
      problems.add("job " + id + " did not reach step 2 within 30 s");
    }
    ApiClient.Resp cancel = api.delete("/v1/jobs/" + id);
    if (cancel.status() != 200 && cancel.status() != 202) {
      problems.add("DELETE " + id + ": " + cancel);
      return;
    }
    boolean wasRunning = cancel.status() == 202;
    if (wasRunning != cancel.json().get("state").asText().equals("running")) {
      problems.add("DELETE status " + cancel.status() + " with " + cancel.json());
    }
    int stepAtCancel = cancel.json().get("step").asInt();
    JsonNode end = ApiAsserts.awaitJob(api, id, java.time.Duration.ofSeconds(30));
    cancels.add(new Cancel(wasRunning, stepAtCancel, end.get("step").asInt(),
        end.get("state").asText(), !end.get("started").isNull()));
  }

  private String submit() {
    Map<String, Object> body = Map.of("image", photo.image(), "mask", photo.mask(),
        "steps", 150, "strength", 1.0, "count", 4, "previews", false);
    while (System.nanoTime() < deadline) {
      ApiClient.Resp r = api.postJson("/v1/jobs", body);
      if (r.status() == 202) {
        return r.json().get("id").asText();
      }
      if (r.status() == 404) {
        LoadPhotos.send(api, photo);
      } else if (r.status() != 429) {
        problems.add("submit: " + r);
      }
      ApiAsserts.sleep(100);
    }
    return null;
  }

  private boolean awaitStep(String id, int step) {
    long until = System.nanoTime() + 30_000_000_000L;
    while (System.nanoTime() < until) {
      JsonNode job = api.get("/v1/jobs/" + id).json();
      if (job.get("state").asText().equals("running") && job.get("step").asInt() >= step) {
        return true;
      }
      ApiAsserts.sleep(10);
    }
    return false;
  }
}
