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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.segfill.models.testbundle.TestBundles;
import org.segfill.server.store.AtomicFiles;

/**
 * The load and fault suite's crash test: a real {@code segfill serve} child process is killed
 * with SIGKILL while it is halfway through writing a result (held there by the test-only pause
 * of {@link AtomicFiles}), then a new server starts on the same results directory. The partial
 * file is never served, before or after the restart, and the results completed before the
 * crash are served byte for byte. DurabilityTest fakes what a crash leaves; this one crashes.
 */
@Tag("load-fault")
class LoadSuiteKillMidWriteTest {

  @TempDir Path dir;

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void aServerKilledMidWriteServesNoPartialFileAfterARestartAndKeepsCompletedResults()
      throws Exception {
    Path sdxl = TestBundles.writeSdxl(dir.resolve("bundles"));
    Path results = dir.resolve("results");
    String completed;
    byte[][] completedPngs = new byte[2][];
    try (ChildServer first = ChildServer.start(results, dir.resolve("first.log"), List.of(),
        "--sdxl", sdxl.toString())) {
      ApiClient api = new ApiClient(first.port());
      completed = submit(api, 2);
      JsonNode done = awaitJob(api, completed, Duration.ofSeconds(60));
      assertEquals("succeeded", done.get("state").asText(), done::toString);
      for (int k = 0; k < 2; k++) {
        completedPngs[k] = api.get("/v1/jobs/" + completed + "/results/" + k + ".png").body();
      }
      first.kill9();
    }

    String crashed;
    Path partial;
    try (ChildServer second = ChildServer.start(results, dir.resolve("second.log"),
        List.of(AtomicFiles.PAUSE_PROPERTY + "=600000"), "--sdxl", sdxl.toString())) {
      ApiClient api = new ApiClient(second.port());
      crashed = submit(api, 1);
      partial = awaitTempFile(results.resolve(crashed), Duration.ofSeconds(60));
      assertProblem(api.get("/v1/jobs/" + crashed + "/results/0.png"), 409, "k");
      assertEquals("running", api.get("/v1/jobs/" + crashed).json().get("state").asText());
      second.kill9();
    }
    assertTrue(Files.exists(partial), "the kill left the half-written file: " + partial);
    assertTrue(Files.size(partial) > 0);

    try (ChildServer third = ChildServer.start(results, dir.resolve("third.log"), List.of(),
        "--sdxl", sdxl.toString())) {
      ApiClient api = new ApiClient(third.port());
      assertProblem(api.get("/v1/jobs/" + crashed), 404, "id");
      assertProblem(api.get("/v1/jobs/" + crashed + "/results/0.png"), 404, "id");
      assertFalse(api.get("/v1/jobs").json().get("jobs").findValuesAsText("id")
          .contains(crashed));
      JsonNode kept = api.get("/v1/jobs/" + completed).json();
      assertEquals("succeeded", kept.get("state").asText(), kept::toString);
      for (int k = 0; k < 2; k++) {
        assertArrayEquals(completedPngs[k], api.get("/v1/jobs/" + completed + "/results/" + k
            + ".png").body(), "result " + k + " of the job completed before the crash");
      }
      assertFalse(Files.exists(results.resolve(crashed)), "the incomplete job is removed");
      try (Stream<Path> files = Files.walk(results)) {
        assertEquals(List.of(), files.filter(p -> p.toString()
            .endsWith(AtomicFiles.TEMP_SUFFIX)).toList(), "no temporary file is left");
      }
    }
  }

  private static String submit(ApiClient api, int count) {
    String image = api.post("/v1/images", "image/png", Scenes.png(Scenes.SMALL)).json()
        .get("id").asText();
    String mask = api.post("/v1/masks?image=" + image, "image/png",
        Scenes.ellipseMaskPng(Scenes.SMALL)).json().get("id").asText();
    ApiClient.Resp r = api.postJson("/v1/jobs", Map.of("image", image, "mask", mask,
        "steps", 3, "strength", 1.0, "count", count, "seed", 5, "previews", false));
    assertEquals(202, r.status(), r::toString);
    return r.json().get("id").asText();
  }

  /** Waits until {@code jobDir} holds a non-empty temporary file: a write is under way. */
  private static Path awaitTempFile(Path jobDir, Duration timeout) throws IOException {
    long until = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < until) {
      if (Files.isDirectory(jobDir)) {
        try (Stream<Path> files = Files.list(jobDir)) {
          Optional<Path> temp = files.filter(p -> p.toString().endsWith(AtomicFiles.TEMP_SUFFIX))
              .filter(p -> p.toFile().length() > 0).findFirst();
          if (temp.isPresent()) {
            return temp.get();
          }
        }
      }
      ApiAsserts.sleep(20);
    }
    throw new AssertionError("no write began in " + jobDir + " within " + timeout);
  }
}
