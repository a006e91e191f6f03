package org.segfill.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.segfill.server.ApiAsserts.assertProblem;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segfill.server.engine.EngineLoader;
import org.segfill.server.engine.Readiness;

/**
 * Live as soon as HTTP is up; ready only once the engines are loaded and warmed up; a failed
 * load keeps the server live but not ready, and says why.
 */
class ReadinessTest {

  @TempDir Path dir;

  @Test
  void theServerIsLiveAtOnceAndReadyOnlyOnceTheEnginesAreLoaded() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    ServerConfig config = ConfigLoader.load(TestServers.settings(dir), Map.of());
    try (SegfillServer server = SegfillServer.start(config, c -> {
      await(release);
      return EngineLoader.load(c);
    })) {
      ApiClient api = new ApiClient(server.port());
      assertEquals(200, api.get("/health/live").status());
      JsonNode notReady = assertProblem(api.get("/health/ready"), 503, null);
      assertEquals("urn:segfill:problem:not-ready", notReady.get("type").asText());
      assertEquals("loading", api.get("/v1/engines").json().get("state").asText());
      String image = api.post("/v1/images", "image/png", Scenes.png(Scenes.SMALL)).json()
          .get("id").asText();
      ApiClient.Resp click = api.postJson("/v1/images/" + image + "/segment",
          "{\"points\":[{\"x\":10,\"y\":10}]}");
      assertProblem(click, 503, null);
      assertTrue(click.header("Retry-After").isPresent());

      release.countDown();
      assertEquals(Readiness.State.READY, server.awaitEngines(Duration.ofSeconds(60)));
      assertEquals(200, api.get("/health/ready").status());
      assertEquals(200, api.postJson("/v1/images/" + image + "/segment",
          "{\"points\":[{\"x\":10,\"y\":10}]}").status());
    }
  }

  @Test
  void aFailedLoadLeavesTheServerLiveButNotReadyAndSaysWhy() throws Exception {
    ServerConfig config = ConfigLoader.load(TestServers.settings(dir), Map.of());
    try (SegfillServer server = SegfillServer.start(config, c -> {
      throw new IllegalArgumentException("sam: decoder.onnx could not be loaded: truncated");
    })) {
      assertEquals(Readiness.State.FAILED, server.awaitEngines(Duration.ofSeconds(10)));
      ApiClient api = new ApiClient(server.port());
      assertEquals(200, api.get("/health/live").status());
      JsonNode p = assertProblem(api.get("/health/ready"), 503, null);
      assertEquals("urn:segfill:problem:engines-failed", p.get("type").asText());
      assertTrue(p.get("detail").asText().contains("truncated"), p::toString);
      assertEquals("failed", api.get("/v1/engines").json().get("state").asText());
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
