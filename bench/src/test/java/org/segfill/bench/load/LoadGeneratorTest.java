package org.segfill.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segfill.models.testbundle.TestBundles;

/**
 * The load generator against an in-process server on the tiny bundles, with short windows:
 * every click answered, percentiles ordered, and generations finishing while clicks run.
 */
class LoadGeneratorTest {

  @TempDir Path dir;

  @Test
  void clicksAreTimedWhileGenerationsRunAndFinish() throws Exception {
    Path sam = TestBundles.writeSam(dir.resolve("bundles")).resolve(TestBundles.SAM_ONNX);
    Path sdxl = TestBundles.writeSdxl(dir.resolve("bundles"));
    LoadSettings settings = new LoadSettings(List.of(1, 4), List.of(0, 1), 0.3, 2.0, 2);
    LoadReport report;
    try (InProcessServer server = InProcessServer.start(sam, sdxl, "ort-cpu",
        Files.createDirectories(dir.resolve("results")))) {
      report = new LoadGenerator(server.url(), null, settings).run("test");
    }

    // (1, 0), (4, 0), then (0, 1) throughput alone, (1, 1), (4, 1).
    assertEquals(5, report.points().size());
    assertEquals(List.of(1, 4, 0, 1, 4),
        report.points().stream().map(LoadPoint::clients).toList());
    for (LoadPoint p : report.points()) {
      assertEquals(0, p.errors(), p::toString);
      assertEquals(0, p.generationsFailed(), p::toString);
      if (p.clients() > 0) {
        assertTrue(p.clicks() >= 2, p::toString);
        assertTrue(p.p50Ms() > 0 && p.p50Ms() <= p.p99Ms(), p::toString);
        assertEquals(p.clicks() / 2.0, p.clicksPerSecond(), 1e-9, p::toString);
      }
    }
    // Two-step generations on the tiny bundle take well under a second each, so across the
    // three 2 s windows with one in flight some finish even on a busy machine.
    double perMinute = report.points().subList(2, 5).stream()
        .mapToDouble(LoadPoint::generationsPerMinute).sum();
    assertTrue(perMinute > 0, report::toString);
    assertEquals("1024x768", report.imageSize());
  }
}
