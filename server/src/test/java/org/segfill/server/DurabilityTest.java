package org.segfill.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.segfill.server.ApiAsserts.assertProblem;
import static org.segfill.server.ApiAsserts.awaitJob;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segfill.server.store.AtomicFiles;

/**
 * Results survive a restart, and a crash never leaves a partial file to be served: what a
 * crash between a temporary write and its rename leaves behind is removed on the next start.
 */
class DurabilityTest {

  @TempDir Path dir;

  @Test
  void completedResultsAreListedAndServedByTheNextServerOnTheSameDirectory() {
    Path results = dir.resolve("results");
    String job;
    byte[] png;
    try (SegfillServer first = TestServers.start(results)) {
      ApiClient api = new ApiClient(first.port());
      job = runJob(api);
      png = api.get("/v1/jobs/" + job + "/results/0.png").body();
    }
    try (SegfillServer second = TestServers.start(results)) {
      ApiClient api = new ApiClient(second.port());
      JsonNode state = api.get("/v1/jobs/" + job).json();
      assertEquals("succeeded", state.get("state").asText(), state::toString);
      assertEquals(1, state.get("results").size());
      assertArrayEquals(png, api.get(state.get("results").get(0).get("url").asText()).body());
      assertTrue(api.get("/v1/jobs").json().get("jobs").findValuesAsText("id").contains(job));
      try (EventStream events = EventStream.open(api, job)) {
        assertEquals(List.of("result", "done"), events.all().stream()
            .map(EventStream.Event::name).toList());
      }
      assertProblem(api.delete("/v1/jobs/" + job), 409, "id");
    }
  }

  @Test
  void aCrashBetweenATempWriteAndItsRenameLeavesNothingServedAndIsCleanedOnRestart()
      throws IOException {
    Path results = dir.resolve("results");
    String done;
    try (SegfillServer first = TestServers.start(results)) {
      done = runJob(new ApiClient(first.port()));
    }
    // What a crash leaves: a job folder without its manifest holding half a PNG in a temp file,
    // and a temp file of a rewrite inside a completed job.
    String crashed = "j" + "ab".repeat(16);
    Path crashedDir = Files.createDirectories(results.resolve(crashed));
    Path target = crashedDir.resolve("result-0.png");
    byte[] half = Arrays.copyOf(Scenes.png(Scenes.SMALL), 100);
    Path partial = Files.write(AtomicFiles.tempFor(target), half);
    Path strayTemp = Files.write(AtomicFiles.tempFor(results.resolve(done).resolve("job.json")),
        "{\"id\":".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertTrue(partial.getFileName().toString().endsWith(AtomicFiles.TEMP_SUFFIX));

    try (SegfillServer second = TestServers.start(results)) {
      ApiClient api = new ApiClient(second.port());
      assertProblem(api.get("/v1/jobs/" + crashed), 404, "id");
      assertProblem(api.get("/v1/jobs/" + crashed + "/results/0.png"), 404, "id");
      assertEquals("succeeded", api.get("/v1/jobs/" + done).json().get("state").asText());
      assertFalse(Files.exists(partial), "the temp file is removed");
      assertFalse(Files.exists(crashedDir), "the incomplete job is removed");
      assertFalse(Files.exists(strayTemp));
      try (Stream<Path> files = Files.walk(results)) {
        assertTrue(files.noneMatch(p -> p.toString().endsWith(AtomicFiles.TEMP_SUFFIX)));
      }
    }
  }

  @Test
  void finishedJobsLeaveMemoryAfterTheirRetentionAndResultsLeaveDiskAfterTheirs() {
    Path results = dir.resolve("results");
    try (SegfillServer server = TestServers.start(results, Setting.JOB_RETENTION_SECONDS, 1,
        Setting.RESULT_RETENTION_SECONDS, 3)) {
      ApiClient api = new ApiClient(server.port());
      String job = runJob(api);
      assertTrue(api.get("/v1/jobs/" + job).json().has("cancelRequested"), "in memory");
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (api.get("/v1/jobs/" + job).json().has("cancelRequested")
          && System.nanoTime() < deadline) {
        ApiAsserts.sleep(100);
      }
      JsonNode fromDisk = api.get("/v1/jobs/" + job).json();
      assertFalse(fromDisk.has("cancelRequested"), "expired from memory");
      assertEquals("succeeded", fromDisk.get("state").asText(), "still served from disk");
      while (api.get("/v1/jobs/" + job).status() == 200 && System.nanoTime() < deadline) {
        ApiAsserts.sleep(100);
      }
      assertProblem(api.get("/v1/jobs/" + job), 404, "id");
      assertFalse(Files.exists(results.resolve(job)));
    }
  }

  private static String runJob(ApiClient api) {
    String image = api.post("/v1/images", "image/png", Scenes.png(Scenes.SMALL)).json()
        .get("id").asText();
    String mask = api.post("/v1/masks?image=" + image, "image/png",
        Scenes.ellipseMaskPng(Scenes.SMALL)).json().get("id").asText();
    String job = api.postJson("/v1/jobs", Map.of("image", image, "mask", mask, "background",
        "blur:5")).json().get("id").asText();
    JsonNode done = awaitJob(api, job, Duration.ofSeconds(30));
    assertEquals("succeeded", done.get("state").asText(), done::toString);
    return job;
  }
}
