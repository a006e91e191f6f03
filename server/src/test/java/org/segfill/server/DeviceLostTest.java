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
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segfill.engine.backend.DeviceFault;
import org.segfill.engine.sam.MaskLogits;
import org.segfill.engine.segment.Prompt;
import org.segfill.server.engine.BackendChoice;
import org.segfill.server.engine.EngineSet;
import org.segfill.server.engine.Readiness;
import org.segfill.server.engine.SegmentOutcome;
import org.segfill.server.engine.Segmentation;
import org.segfill.server.store.StoredImage;

/**
 * reliability.md A6: a sticky CUDA error answers that request with 500 cuda-fatal, turns
 * /health/live to 503 and runs the exit action once; an ordinary CUDA error fails only its
 * request.
 */
class DeviceLostTest {

  @TempDir Path dir;

  /** A segmenter whose every click meets the given cudaError_t. */
  private static Segmentation failingWith(int status) {
    return new Segmentation() {
      @Override
      public SegmentOutcome segment(StoredImage image, Prompt prompt, MaskLogits previous,
          boolean multimask) {
        throw new DeviceFault("cudaStreamSynchronize", status, "injected");
      }

      @Override
      public void precompute(StoredImage image) {}

      @Override
      public boolean supportsBox() {
        return false;
      }

      @Override
      public boolean supportsPreviousMask() {
        return false;
      }

      @Override
      public Map<String, Object> describe() {
        return Map.of("engine", "failing");
      }

      @Override
      public void close() {}
    };
  }

  private SegfillServer start(int status) {
    ServerConfig config = ConfigLoader.load(TestServers.settings(dir), Map.of());
    return SegfillServer.start(config, c -> new EngineSet(failingWith(status), null, null,
        BackendChoice.forBundles("ort-cpu", java.util.List.of())));
  }

  @Test
  void aStickyErrorEndsLivenessAndRunsTheExitActionOnce() throws Exception {
    AtomicInteger exits = new AtomicInteger();
    CountDownLatch exited = new CountDownLatch(1);
    try (SegfillServer server = start(700)) {
      server.onDeviceLost(() -> {
        exits.incrementAndGet();
        exited.countDown();
      });
      assertEquals(Readiness.State.READY, server.awaitEngines(Duration.ofSeconds(30)));
      ApiClient api = new ApiClient(server.port());
      String image = api.post("/v1/images", "image/png", Scenes.png(Scenes.SMALL)).json()
          .get("id").asText();
      String click = "{\"points\":[{\"x\":10,\"y\":10}]}";
      JsonNode p = assertProblem(api.postJson("/v1/images/" + image + "/segment", click), 500,
          null);
      assertEquals("urn:segfill:problem:cuda-fatal", p.get("type").asText());
      assertTrue(p.get("detail").asText().contains("cudaError 700"), p::toString);
      assertTrue(exited.await(1, TimeUnit.SECONDS));
      assertProblem(api.get("/health/live"), 503, null);
      assertProblem(api.get("/health/ready"), 503, null);
      api.postJson("/v1/images/" + image + "/segment", click);
      assertEquals(1, exits.get());
    }
  }

  @Test
  void anOrdinaryCudaErrorFailsOnlyItsRequest() throws Exception {
    AtomicInteger exits = new AtomicInteger();
    try (SegfillServer server = start(2)) {
      server.onDeviceLost(exits::incrementAndGet);
      assertEquals(Readiness.State.READY, server.awaitEngines(Duration.ofSeconds(30)));
      ApiClient api = new ApiClient(server.port());
      String image = api.post("/v1/images", "image/png", Scenes.png(Scenes.SMALL)).json()
          .get("id").asText();
      assertProblem(api.postJson("/v1/images/" + image + "/segment",
          "{\"points\":[{\"x\":10,\"y\":10}]}"), 500, null);
      assertEquals(200, api.get("/health/live").status());
      assertEquals(200, api.get("/health/ready").status());
      assertEquals(0, exits.get());
    }
  }
}
