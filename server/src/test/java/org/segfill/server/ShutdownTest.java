package org.segfill.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.segfill.server.ApiAsserts.assertProblem;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segfill.models.testbundle.TestBundles;

/**
 * Graceful shutdown: new work gets 503 at once, queued jobs are cancelled, a running job gets
 * the grace period and is then cancelled within a step, and the server stops in bounded time.
 * The grace is tested at its two ends, since the tiny bundle's job length depends on the machine.
 */
class ShutdownTest {

  @TempDir Path dir;

  @Test
  void withoutGraceRunningJobsAreCancelledWithinAStep() throws Exception {
    List<EventStream.Event> running = shutDownDuringAJob(0);
    assertEquals("cancelled", running.get(running.size() - 1).name(), running::toString);
    long steps = running.stream().filter(e -> e.name().equals("step")).count();
    assertTrue(steps < 150, "cancelled before the last step: " + steps);
  }

  @Test
  void withGraceRunningJobsFinish() throws Exception {
    // The tiny UNet runs 150 steps in well under the 60 s grace.
    List<EventStream.Event> running = shutDownDuringAJob(60);
    assertEquals("done", running.get(running.size() - 1).name(), running::toString);
    assertEquals(4, running.stream().filter(e -> e.name().equals("result")).count());
  }

  /**
   * Starts a long job and a second one queued behind it, shuts down after the first step, checks
   * what holds whatever the grace (the queued job cancelled, a bounded stop; with a grace, 503s
   * at once) and returns the running job's events.
   */
  private List<EventStream.Event> shutDownDuringAJob(int graceSeconds) throws Exception {
    Path sdxl = TestBundles.writeSdxl(dir.resolve("bundles"));
    SegfillServer server = TestServers.start(dir.resolve("results"), Setting.SDXL, sdxl,
        Setting.SHUTDOWN_GRACE_SECONDS, graceSeconds, Setting.CONCURRENT_JOBS, 1);
    ApiClient api = new ApiClient(server.port());
    String image = api.post("/v1/images", "image/png", Scenes.png(Scenes.SMALL)).json()
        .get("id").asText();
    String mask = api.post("/v1/masks?image=" + image, "image/png",
        Scenes.ellipseMaskPng(Scenes.SMALL)).json().get("id").asText();
    Map<String, Object> longJob = new HashMap<>(Map.of("image", image, "mask", mask,
        "steps", 150, "strength", 1.0, "count", 4, "previews", false));
    String running = api.postJson("/v1/jobs", longJob).json().get("id").asText();
    String queued = api.postJson("/v1/jobs", longJob).json().get("id").asText();

    try (EventStream events = EventStream.open(api, running);
        EventStream waiting = EventStream.open(api, queued)) {
      events.until(e -> e.name().equals("step"));
      long start = System.nanoTime();
      CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);

      // Without grace the server may have stopped listening before a request gets there.
      if (graceSeconds > 0) {
        ApiClient.Resp refused = null;
        for (int i = 0; i < 100 && refused == null; i++) {
          ApiClient.Resp r = api.post("/v1/images", "image/png", Scenes.png(Scenes.SMALL));
          if (r.status() == 503) {
            refused = r;
          }
          ApiAsserts.sleep(5);
        }
        assertProblem(refused, 503, null);
        assertProblem(api.get("/health/ready"), 503, null);
      }
      assertEquals(List.of("queued", "cancelled"), waiting.all().stream()
          .map(EventStream.Event::name).toList());

      List<EventStream.Event> rest = events.all();
      closing.get(graceSeconds + 30, TimeUnit.SECONDS);
      double seconds = (System.nanoTime() - start) / 1e9;
      assertTrue(seconds < graceSeconds + 15, "stopped in bounded time: " + seconds);
      return rest;
    }
  }
}
