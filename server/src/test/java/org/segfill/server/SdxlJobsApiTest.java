package org.segfill.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.segfill.server.ApiAsserts.assertProblem;
import static org.segfill.server.ApiAsserts.awaitJob;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segfill.engine.image.PngText;
import org.segfill.models.testbundle.TestBundles;

/**
 * Generation jobs on the tiny SDXL bundle with one worker and one waiting slot: events in
 * order with one step event per step, cancel while queued and while running, the 429 of a full
 * queue, and a dropped event stream.
 */
class SdxlJobsApiTest {

  private static final Map<String, Object> LONG = Map.of("steps", 150, "strength", 1.0,
      "count", 1, "previews", false, "prompt", "a long job that tests cancel");
  @TempDir static Path dir;
  private static SegfillServer server;
  private static ApiClient api;
  private static String image;
  private static String mask;

  @BeforeAll
  static void start() throws Exception {
    Path sdxl = TestBundles.writeSdxl(dir.resolve("bundles"));
    server = TestServers.start(dir.resolve("results"), Setting.SDXL, sdxl,
        Setting.CONCURRENT_JOBS, 1, Setting.QUEUE_LENGTH, 1);
    api = new ApiClient(server.port());
    image = api.post("/v1/images", "image/png", Scenes.png(Scenes.SMALL)).json().get("id")
        .asText();
    mask = api.post("/v1/masks?image=" + image, "image/png",
        Scenes.ellipseMaskPng(Scenes.SMALL)).json().get("id").asText();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @AfterEach
  void cancelWhatIsLeft() {
    for (JsonNode j : api.get("/v1/jobs").json().get("jobs")) {
      String state = j.get("state").asText();
      if (state.equals("queued") || state.equals("running")) {
        api.delete("/v1/jobs/" + j.get("id").asText());
        awaitJob(api, j.get("id").asText(), Duration.ofSeconds(30));
      }
    }
  }

  @Test
  void aQueuedJobStreamsQueuedThenOneStepEventPerStepThenItsResultsThenDone() {
    String blocker = submit(LONG);
    awaitState(blocker, "running");
    String job = submit(Map.of("steps", 6, "strength", 1.0, "count", 2, "seed", 7,
        "prompt", "a red bicycle"));
    try (EventStream events = EventStream.open(api, job)) {
      assertEquals("queued", events.next().name(), "a subscriber first gets the state");
      assertEquals(202, api.delete("/v1/jobs/" + blocker).status());
      List<EventStream.Event> rest = events.all();
      List<String> names = rest.stream().map(EventStream.Event::name).toList();
      assertEquals(List.of("step", "step", "step", "step", "step", "step", "result", "result",
          "done"), names, rest::toString);
      // Previews are encoded off the generation thread and may skip a step when the encoder
      // falls behind (its step event still comes); the last step's preview never goes stale.
      assertTrue(rest.get(5).data().has("preview"), "the last step carries a preview");
      for (int i = 0; i < 6; i++) {
        JsonNode step = rest.get(i).data();
        assertEquals(i + 1, step.get("step").asInt());
        assertEquals(6, step.get("steps").asInt());
        if (step.has("preview")) {
          String preview = step.get("preview").asText();
          assertTrue(preview.startsWith("data:image/png;base64,"), preview);
          byte[] png = Base64.getDecoder().decode(preview.substring(preview.indexOf(',') + 1));
          assertTrue(Scenes.decode(png).width() <= 128);
        }
      }
      assertEquals(0, rest.get(6).data().get("index").asInt());
      assertEquals(7, rest.get(6).data().get("seed").asLong());
      assertEquals(8, rest.get(7).data().get("seed").asLong());
      JsonNode done = rest.get(8).data();
      assertEquals("succeeded", done.get("state").asText());
      assertEquals(2, done.get("results").size());
      assertTrue(done.get("timings").has("denoise"), done::toString);
    }
    assertTrue(api.get("/metrics").text()
        .contains("segfill_previews_total{outcome=\"encoded\"}"));
  }

  @Test
  void cancellingARunningJobStopsItWithinOneStep() throws Exception {
    String job = submit(LONG);
    int stepAtCancel;
    List<EventStream.Event> after;
    try (EventStream events = EventStream.open(api, job)) {
      events.until(e -> e.name().equals("step") && e.data().get("step").asInt() >= 3);
      ApiClient.Resp cancel = api.delete("/v1/jobs/" + job);
      assertEquals(202, cancel.status(), cancel::toString);
      assertTrue(cancel.json().get("cancelRequested").asBoolean());
      stepAtCancel = cancel.json().get("step").asInt();
      after = events.all();
    }
    EventStream.Event last = after.get(after.size() - 1);
    assertEquals("cancelled", last.name(), after::toString);
    int lastStep = last.data().get("step").asInt();
    assertTrue(lastStep <= stepAtCancel + 1, "cancelled at step " + stepAtCancel
        + " but ran to " + lastStep);
    assertTrue(lastStep < 150);
    JsonNode state = api.get("/v1/jobs/" + job).json();
    assertEquals("cancelled", state.get("state").asText());
    assertProblem(api.get("/v1/jobs/" + job + "/results/0.png"), 409, "k");
    assertFalse(Files.exists(dir.resolve("results").resolve(job)), "nothing left on disk");
    assertProblem(api.delete("/v1/jobs/" + job), 409, "id");
  }

  @Test
  void cancellingAQueuedJobEndsItWithoutRunning() {
    String blocker = submit(LONG);
    awaitState(blocker, "running");
    String queued = submit(LONG);
    ApiClient.Resp cancel = api.delete("/v1/jobs/" + queued);
    assertEquals(200, cancel.status(), cancel::toString);
    assertEquals("cancelled", cancel.json().get("state").asText());
    JsonNode job = api.get("/v1/jobs/" + queued).json();
    assertTrue(job.get("started").isNull(), "it never ran");
    assertEquals(0, job.get("step").asInt());
    try (EventStream events = EventStream.open(api, queued)) {
      assertEquals(List.of("cancelled"), events.all().stream().map(EventStream.Event::name)
          .toList());
    }
    assertEquals("running", api.get("/v1/jobs/" + blocker).json().get("state").asText());
  }

  @Test
  void aFullQueueAnswers429WithRetryAfterAndTakesJobsAgainOnceItDrains() {
    String running = submit(LONG);
    awaitState(running, "running");
    String waiting = submit(LONG);
    ApiClient.Resp refused = api.postJson("/v1/jobs", body(LONG));
    JsonNode p = assertProblem(refused, 429, null);
    assertEquals("urn:segfill:problem:queue-full", p.get("type").asText());
    long retryAfter = Long.parseLong(refused.header("Retry-After").orElseThrow());
    assertTrue(retryAfter >= 1, "Retry-After " + retryAfter);
    assertTrue(api.get("/metrics").text().contains("segfill_jobs_total{outcome=\"rejected\"}"));

    api.delete("/v1/jobs/" + waiting);
    api.delete("/v1/jobs/" + running);
    awaitJob(api, running, Duration.ofSeconds(30));
    String accepted = submit(Map.of("steps", 2, "count", 1));
    assertEquals("succeeded", awaitJob(api, accepted, Duration.ofSeconds(30)).get("state")
        .asText());
  }

  @Test
  void aDroppedEventStreamLeavesTheJobFinishing() {
    String job = submit(Map.of("steps", 30, "strength", 1.0, "count", 1));
    try (EventStream events = EventStream.open(api, job)) {
      events.until(e -> e.name().equals("step") && e.data().get("step").asInt() >= 1);
    }
    JsonNode done = awaitJob(api, job, Duration.ofSeconds(60));
    assertEquals("succeeded", done.get("state").asText(), done::toString);
    assertEquals(30, done.get("step").asInt());
    assertEquals(200, api.get(done.get("results").get(0).get("url").asText()).status());
  }

  @Test
  void aResultCarriesItsRecipeAndTheSameSeedGivesTheSameBytes() throws Exception {
    Map<String, Object> request = Map.of("steps", 3, "count", 1, "seed", 123,
        "prompt", "a beach at sunset", "negativePrompt", "blurry");
    byte[] first = resultPng(submit(request));
    byte[] second = resultPng(submit(request));
    assertArrayEquals(first, second);
    JsonNode recipe = ApiClient.JSON.readTree(PngText.read(first).get("segfill-recipe"));
    assertEquals("sdxl", recipe.get("engine").asText());
    assertEquals(123, recipe.get("seed").asLong());
    assertEquals("a beach at sunset", recipe.get("prompt").asText());
    assertEquals("onnxruntime-cpu", recipe.get("backend").asText());
    assertFalse(recipe.get("bundle").asText().isEmpty());
  }

  private static byte[] resultPng(String job) {
    JsonNode done = awaitJob(api, job, Duration.ofSeconds(60));
    assertEquals("succeeded", done.get("state").asText(), done::toString);
    ApiClient.Resp png = api.get(done.get("results").get(0).get("url").asText());
    assertEquals(200, png.status());
    return png.body();
  }

  private static Map<String, Object> body(Map<String, Object> fields) {
    Map<String, Object> b = new HashMap<>(fields);
    b.put("image", image);
    b.put("mask", mask);
    return b;
  }

  private static String submit(Map<String, Object> fields) {
    ApiClient.Resp r = api.postJson("/v1/jobs", body(fields));
    assertEquals(202, r.status(), r::toString);
    return r.json().get("id").asText();
  }

  private static void awaitState(String job, String state) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      if (api.get("/v1/jobs/" + job).json().get("state").asText().equals(state)) {
        return;
      }
      ApiAsserts.sleep(5);
    }
    throw new AssertionError("job " + job + " never reached " + state);
  }
}
