package org.segfill.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.segfill.server.ApiAsserts.assertProblem;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault injection of reliability A6 ({@code -Dengine.testFaults=true}) in a real {@code
 * serve} child, on a machine without a GPU: the flag reaches the clicks (they fail, the log says
 * why the flag is on), and since no CUDA context exists to break, the error is an ordinary one
 * that fails only its request: the server stays live and keeps running. {@code
 * DeviceLostGpuTest} checks the same flag where a GPU breaks for real.
 */
class TestFaultsChildTest {

  @TempDir Path dir;

  /** {@code segfill serve} with {@code -Dengine.testFaults=true}, results under {@code dir}. */
  static ChildServer startWithTestFaults(Path dir, Path log) throws Exception {
    return ChildServer.start(dir.resolve("results"), log, List.of("engine.testFaults=true"));
  }

  /** Uploads a photo and clicks it: the click that meets the fault; its 500 problem. */
  static JsonNode firstClick(ChildServer child) throws Exception {
    ApiClient api = new ApiClient(child.port());
    String image = api.post("/v1/images", "image/png", Scenes.png(Scenes.SMALL)).json()
        .get("id").asText();
    return assertProblem(api.postJson("/v1/images/" + image + "/segment",
        "{\"points\":[{\"x\":10,\"y\":10}]}"), 500, null);
  }

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void withoutAGpuTheInjectedFaultFailsOnlyItsRequest() throws Exception {
    Path log = dir.resolve("serve.log");
    try (ChildServer child = startWithTestFaults(dir, log)) {
      JsonNode p = firstClick(child);
      assertEquals("urn:segfill:problem:internal", p.get("type").asText(), p::toString);
      assertEquals(200, new ApiClient(child.port()).get("/health/live").status());
      Thread.sleep(1_500);
      assertTrue(child.alive(), "the server keeps running after an ordinary CUDA error");
      assertTrue(Files.readString(log).contains("-Dengine.testFaults=true: every click breaks"
          + " the CUDA context first"), "the log says why clicks fail");
    }
  }
}
