package org.segfill.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One closed-loop client of the load suite: until its deadline it picks, at random, a click
 * (35%), an upload (20%, a quarter of them never seen before), a generation (25%, a few steps,
 * followed by its events or by polling, then its result fetched) or a read (20%: job list,
 * image, engines, metrics, readiness). A 429 is honoured by waiting its Retry-After (at most
 * 1 s); a 404 for an image or mask the bounded cache evicted is answered by uploading it again.
 */
final class LoadClient implements Runnable {

  /** Generations that succeeded, and their denoising steps, over every client. */
  record Throughput(AtomicLong jobs, AtomicLong steps) {
    Throughput() {
      this(new AtomicLong(), new AtomicLong());
    }
  }

  private final ApiClient api;
  private final List<LoadPhotos.Photo> photos;
  private final LoadTally tally;
  private final Throughput done;
  private final long deadline;
  private final Random random;

  LoadClient(ApiClient api, List<LoadPhotos.Photo> photos, LoadTally tally, Throughput done,
      long deadlineNanos, long seed) {
    this.api = api;
    this.photos = photos;
    this.tally = tally;
    this.done = done;
    this.deadline = deadlineNanos;
    this.random = new Random(seed);
  }

  @Override
  public void run() {
    while (System.nanoTime() < deadline) {
      LoadPhotos.Photo photo = photos.get(random.nextInt(photos.size()));
      int pick = random.nextInt(100);
      try {
        if (pick < 35) {
          click(photo);
        } else if (pick < 55) {
          upload(photo);
        } else if (pick < 80) {
          generate(photo);
        } else {
          read(photo);
        }
      } catch (RuntimeException | AssertionError e) {
        tally.failed("client", e);
      }
    }
  }

  private void click(LoadPhotos.Photo photo) {
    ApiClient.Resp r = call("click", () -> api.postJson("/v1/images/" + photo.image()
        + "/segment", photo.clickJson(random, 6)));
    if (r.status() == 404) {
      LoadPhotos.send(api, photo);
    } else if (r.status() == 200 && random.nextInt(4) == 0) {
      JsonNode masks = r.json().get("masks");
      call("mask-png", () -> api.get(masks.get(0).get("url").asText()));
    }
  }

  private void upload(LoadPhotos.Photo photo) {
    if (random.nextInt(4) == 0) {
      call("upload-fresh", () -> api.post("/v1/images", "image/png",
          LoadPhotos.fresh(random)));
    } else {
      call("upload", () -> api.post("/v1/images", "image/png", photo.png()));
    }
  }

  private void generate(LoadPhotos.Photo photo) {
    int steps = 2 + random.nextInt(3);
    Map<String, Object> body = Map.of("image", photo.image(), "mask", photo.mask(),
        "steps", steps, "strength", 1.0, "count", 1, "previews", false,
        "seed", random.nextInt(1000));
    ApiClient.Resp r = call("generate", () -> api.postJson("/v1/jobs", body));
    if (r.status() == 429) {
      String retryAfter = r.header("Retry-After").orElse("");
      tally.note(retryAfter.matches("\\d+") ? "429 with Retry-After" : "429 without");
      ApiAsserts.sleep(Math.min(1000, Long.parseLong(retryAfter.isEmpty() ? "1" : retryAfter)
          * 1000));
      return;
    }
    if (r.status() == 404) {
      LoadPhotos.send(api, photo);
      return;
    }
    if (r.status() != 202) {
      return;
    }
    String id = r.json().get("id").asText();
    JsonNode end = random.nextBoolean() ? followEvents(id) : poll(id);
    if (end != null && end.path("state").asText().equals("succeeded")) {
      done.jobs().incrementAndGet();
      done.steps().addAndGet(steps);
      call("result-png", () -> api.get("/v1/jobs/" + id + "/results/0.png"));
    }
  }

  private JsonNode followEvents(String id) {
    try (EventStream events = EventStream.open(api, id)) {
      tally.record("events", events.status());
      List<EventStream.Event> all = events.all();
      return all.isEmpty() ? null : api.get("/v1/jobs/" + id).json();
    }
  }

  private JsonNode poll(String id) {
    while (System.nanoTime() < deadline + 60_000_000_000L) {
      ApiClient.Resp r = call("job", () -> api.get("/v1/jobs/" + id));
      if (r.status() != 200) {
        return null;
      }
      JsonNode job = r.json();
      String state = job.path("state").asText();
      if (!state.equals("queued") && !state.equals("running")) {
        return job;
      }
      ApiAsserts.sleep(50);
    }
    return null;
  }

  private void read(LoadPhotos.Photo photo) {
    switch (random.nextInt(5)) {
      case 0 -> call("jobs", () -> api.get("/v1/jobs"));
      case 1 -> call("image-png", () -> api.get("/v1/images/" + photo.image()));
      case 2 -> call("engines", () -> api.get("/v1/engines"));
      case 3 -> call("metrics", () -> api.get("/metrics"));
      default -> call("ready", () -> api.get("/health/ready"));
    }
  }

  private ApiClient.Resp call(String op, java.util.function.Supplier<ApiClient.Resp> request) {
    ApiClient.Resp r = request.get();
    tally.record(op, r);
    return r;
  }
}
