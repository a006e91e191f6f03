package org.segfill.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.segfill.testing.RequiresCuda;

/**
 * Reliability A6 on a real GPU: a {@code serve} child started with {@code
 * -Dengine.testFaults=true} runs our illegal-address kernel on the first click. The real sticky
 * CUDA error answers that click with 500 cuda-fatal, turns {@code /health/live} to 503 within a
 * second, and the process exits with 70 within ten seconds, for its supervisor to restart it. A
 * child process, because the CUDA context of a JVM that met the error is lost for good.
 */
@RequiresCuda
class DeviceLostGpuTest {

  @TempDir Path dir;

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void aRealStickyErrorEndsLivenessAndTheProcessExitsWith70() throws Exception {
    Path log = dir.resolve("serve.log");
    try (ChildServer child = TestFaultsChildTest.startWithTestFaults(dir, log)) {
      ApiClient api = new ApiClient(child.port());
      JsonNode p = TestFaultsChildTest.firstClick(child);
      assertEquals("urn:segfill:problem:cuda-fatal", p.get("type").asText(), p::toString);
      assertTrue(p.get("detail").asText().contains("status 700"), p::toString);
      long asked = System.nanoTime();
      assertEquals(503, api.get("/health/live").status());
      assertTrue(System.nanoTime() - asked < TimeUnit.SECONDS.toNanos(1));
      assertEquals(70, child.awaitExit(10));
      assertTrue(Files.readString(log).contains("exiting with 70"), "the log says why");
    }
  }
}
