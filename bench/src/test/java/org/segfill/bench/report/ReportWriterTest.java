package org.segfill.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segfill.bench.load.LoadPoint;
import org.segfill.bench.load.LoadReport;

/** The report writer on synthetic measurements: files, table contents, JSON, PNG charts. */
class ReportWriterTest {

  @TempDir Path dir;

  private static BenchReport synthetic() {
    Machine machine = new Machine("Test CPU", 8, 16L << 30, "Linux test", "CUDA 1 device",
        Map.of("onnxruntime", "1.24.1"));
    List<StageResult> stages = List.of(
        new StageResult("sam.encode", "ort-cpu", 40, 400, 420, 450, 405, 360_000_000L),
        new StageResult("sam.encode", "tensorrt", 200, 20, 21, 25, 20.5, 360_000_000L),
        new StageResult("sdxl.unetStep", "ort-cpu", 10, 9000, 9100, 9500, 9050, 5_000_000_000L),
        new StageResult("sdxl.unetStep", "tensorrt", 100, 90, 95, 99, 91, 5_000_000_000L));
    LoadReport load = new LoadReport("test server", "1024x768", 3, List.of(
        new LoadPoint(1, 0, 100, 0, 12, 20, 33.3, 0, 0),
        new LoadPoint(8, 0, 400, 0, 40, 90, 133.3, 0, 0),
        new LoadPoint(0, 2, 0, 0, 0, 0, 0, 6, 0),
        new LoadPoint(1, 2, 80, 1, 15, 30, 26.7, 5.5, 0),
        new LoadPoint(8, 2, 300, 0, 55, 140, 100, 5, 2)));
    return new BenchReport("2026-11-24T00:00:00Z", "segfill bench --quick --out x", true,
        machine, "SAM tiny, SDXL tiny", 50.0, stages, load);
  }

  @Test
  void writesTheMarkdownTheJsonAndTwoDecodableCharts() throws IOException {
    List<String> files = ReportWriter.write(synthetic(), dir);

    assertEquals(List.of("report.md", "report.json", "stage-latency.png",
        "click-latency-under-load.png"), files);
    for (String f : files) {
      assertTrue(Files.size(dir.resolve(f)) > 100, f + " is nearly empty");
    }
  }

  @Test
  void markdownHasATablePerStageWithPercentilesRatiosAndTheBandwidthFloor() throws IOException {
    ReportWriter.write(synthetic(), dir);
    String md = Files.readString(dir.resolve("report.md"));

    assertTrue(md.contains("| CPU | Test CPU |"), md);
    assertTrue(md.contains("**50.00 GB/s**"), md);
    assertTrue(md.contains("### SAM encode"), md);
    assertTrue(md.contains("### one UNet step (CFG)"), md);
    assertTrue(!md.contains("### VAE decode"), "no table for a stage that did not run");
    // ort-cpu 400 ms / tensorrt 20 ms = 20x; floor 360 MB at 50 GB/s = 7.2 ms; 20 / 7.2 = 2.8x.
    assertTrue(md.contains("| tensorrt | 200 | 20.0 | 21.0 | 25.0 | 20.5 | 20.00x | 360 | 7.20"
        + " | 2.8x |"), md);
    assertTrue(md.contains("| ort-cpu | 40 | 400 | 420 | 450 | 405 | 1.00x | 360 | 7.20 | 56x |"),
        md);
    // 5 GB at 50 GB/s = 100 ms; 9000 / 100 = 90x.
    assertTrue(md.contains("| ort-cpu | 10 | 9000 | 9100 | 9500 | 9050 | 1.00x | 5000 | 100 |"
        + " 90x |"), md);
    assertTrue(md.contains("| tensorrt | 100 | 90.0 | 95.0 | 99.0 | 91.0 | 100.00x | 5000 | 100 |"
        + " 0.9x |"), md);
    assertTrue(md.contains("| 8 | 2 | 300 | 0 | 55.0 | 140 | 100.0 | 5.0 | 2 |"), md);
    assertTrue(md.contains("![stage-latency.png](stage-latency.png)"), md);
  }

  @Test
  void jsonCarriesEveryMeasurement() throws IOException {
    ReportWriter.write(synthetic(), dir);
    JsonNode json = new ObjectMapper().readTree(dir.resolve("report.json").toFile());

    assertEquals(50.0, json.get("copyGbPerSecond").asDouble());
    assertEquals(4, json.get("stages").size());
    JsonNode trt = json.get("stages").get(1);
    assertEquals("tensorrt", trt.get("backend").asText());
    assertEquals(25.0, trt.get("p99Ms").asDouble());
    assertEquals(200, trt.get("samples").asLong());
    assertEquals(5, json.get("load").get("points").size());
    assertEquals(140.0, json.get("load").get("points").get(4).get("p99Ms").asDouble());
    assertEquals(8, json.get("machine").get("logicalCores").asInt());
  }

  @Test
  void chartsArePngsOfTheStatedSizeWithSomethingDrawn() throws IOException {
    ReportWriter.write(synthetic(), dir);
    for (String chart : List.of("stage-latency.png", "click-latency-under-load.png")) {
      BufferedImage png = ImageIO.read(dir.resolve(chart).toFile());
      assertNotNull(png, chart + " does not decode");
      assertEquals(ReportCharts.WIDTH, png.getWidth(), chart);
      assertEquals(ReportCharts.HEIGHT, png.getHeight(), chart);
      Set<Integer> colours = new HashSet<>();
      for (int y = 0; y < png.getHeight(); y += 3) {
        for (int x = 0; x < png.getWidth(); x += 3) {
          colours.add(png.getRGB(x, y));
        }
      }
      // Bars or lines in several colours, text antialiased: far more than a blank canvas.
      assertTrue(colours.size() > 20, chart + " has " + colours.size() + " colours");
    }
  }

  @Test
  void withoutLoadResultsOnlyTheStageChartIsWritten() throws IOException {
    BenchReport r = synthetic();
    BenchReport noLoad = new BenchReport(r.date(), r.command(), r.quick(), r.machine(),
        r.bundles(), r.copyGbPerSecond(), r.stages(), null);
    assertEquals(List.of("report.md", "report.json", "stage-latency.png"),
        ReportWriter.write(noLoad, dir));
  }

  @Test
  void disorderedPercentilesAreRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new StageResult("sam.encode", "ort-cpu", 10, 5, 4, 6, 5, 0));
    assertTrue(e.getMessage().startsWith("percentiles:"), e.getMessage());
  }
}
