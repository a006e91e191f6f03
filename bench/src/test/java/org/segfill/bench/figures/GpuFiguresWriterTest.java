package org.segfill.bench.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segfill.devices.GpuInfo;

/** The figures' JSON and markdown from known measurements: values, goals, verdicts, memory. */
class GpuFiguresWriterTest {

  private static final long MIB = 1L << 20;

  @TempDir Path dir;

  /** An H100 with both real bundles; SDXL's figures from GpuFiguresMathTest's samples. */
  static GpuFiguresReport known(List<String> testBundles, String gpuName) {
    List<PlanMemory> plans = List.of(
        new PlanMemory("sam", "encoder.onnx", 200 * MIB),
        new PlanMemory("sam", "decoder.onnx", 20 * MIB),
        new PlanMemory("sdxl", "text_encoder/model.onnx", 250 * MIB),
        new PlanMemory("sdxl", "text_encoder_2/model.onnx", 1400 * MIB),
        new PlanMemory("sdxl", "unet/model.onnx", 5000 * MIB),
        new PlanMemory("sdxl", "vae_encoder/model.onnx", 100 * MIB),
        new PlanMemory("sdxl", "vae_decoder/model.onnx", 150 * MIB));
    DeviceMemory memory = DeviceMemory.of(new DeviceMemoryInfo(80_000 * MIB, 81_559 * MIB),
        new DeviceMemoryInfo(72_880 * MIB, 81_559 * MIB), plans);
    GpuSamples samples = GpuFiguresMathTest.known();
    return new GpuFiguresReport("2026-12-08T10:00:00Z",
        new GpuInfo(0, gpuName, "9.0", 81_559 * MIB, 132),
        "TensorRT 10.15.1, CUDA runtime 13.1, driver 13.1", "/models/sam-vit-base",
        "/models/sdxl-inpainting-0.1", testBundles, 3, 5, 3, memory,
        GpuFigureMath.figures(samples, !testBundles.contains("sam"),
            !testBundles.contains("sdxl")),
        samples);
  }

  @Test
  void markdownShowsEachFigureAgainstItsGoalWithTheVerdict() {
    String md = GpuFiguresMarkdown.render(known(List.of(), "NVIDIA H100 80GB HBM3"));

    assertTrue(md.startsWith("## GPU figures (tensorrt)\n"), md);
    assertTrue(md.contains("- GPU: NVIDIA H100 80GB HBM3 (compute capability 9.0, 79.6 GiB, 132"
        + " SMs); TensorRT 10.15.1, CUDA runtime 13.1, driver 13.1\n"), md);
    assertTrue(md.contains("| SDXL inpaint 1024x1024, 30 steps, previews off: p50 | 1150 ms"
        + " | ≤ 1200 ms | within |\n"), md);
    assertTrue(md.contains("| SDXL inpaint 1024x1024, 30 steps, previews off: p90 | 1300 ms"
        + " | ≤ 1200 ms | **over** |\n"), md);
    assertTrue(md.contains("| SDXL inpaint 1024x1024, 30 steps, previews on: p50 | 1195 ms"
        + " | ≤ 1200 ms | within |\n"), md);
    assertTrue(md.contains("| UNet alone per call, same shapes: p50 | 38.2 ms |  |  |\n"), md);
    assertTrue(md.contains("| outside the UNet per step, previews off (loop - UNet) | 0.300 ms"
        + " |  |  |\n"), md);
    assertTrue(md.contains("| outside the UNet, share of a step, previews off | 0.779% | ≤ 1.00%"
        + " | within |\n"), md);
    assertTrue(md.contains("| outside the UNet, share of a step, previews on | 4.98% |  |  |\n"),
        md);
    assertTrue(md.contains("| SAM encode (1024x768 photo): p50 | 3.90 ms | ≤ 4.00 ms | within"
        + " |\n"), md);
    assertTrue(md.contains("| sdxl | unet/model.onnx | 5000 |\n"), md);
    // 200 + 20 + 250 + 1400 + 5000 + 100 + 150 MiB, and the drop 80000 - 72880.
    assertTrue(md.contains("| **both bundles** | | **7120** |\n"), md);
    assertTrue(md.contains("Device: 81559 MiB in all; 80000 MiB free before the first plan"
        + " opened, 72880 MiB free with both bundles open."), md);
    assertTrue(md.contains("The goals are for an H100 with the real bundles"), md);
    assertFalse(md.contains("not an H100"), md);
    assertFalse(md.contains("Test bundles"), md);
  }

  @Test
  void onTestBundlesAndAnotherGpuTheMarkdownSaysTheFiguresAreNotJudged() {
    String md = GpuFiguresMarkdown.render(known(List.of("sam", "sdxl"), "NVIDIA L4"));

    assertTrue(md.contains("this GPU is not an H100"), md);
    assertTrue(md.contains("**Test bundles.** SAM and SDXL ran on segfill's tiny test bundles"),
        md);
    assertTrue(md.contains("- bundles: SAM `/models/sam-vit-base` (tiny test bundle), SDXL"
        + " `/models/sdxl-inpainting-0.1` (tiny test bundle)\n"), md);
    assertTrue(md.contains("| SDXL inpaint 1024x1024, 30 steps, previews off: p90 | 1300 ms"
        + " | ≤ 1200 ms | not judged (test bundle) |\n"), md);
    assertFalse(md.contains("**over**"), md);
  }

  @Test
  void jsonCarriesTheFiguresVerdictsMemoryAndRawSamples() throws IOException {
    Path json = dir.resolve("figures.json");
    Path md = dir.resolve("figures.md");
    GpuFiguresWriter.write(known(List.of("sam"), "NVIDIA H100 80GB HBM3"), json, md);

    JsonNode root = new ObjectMapper().readTree(json.toFile());
    assertEquals("NVIDIA H100 80GB HBM3", root.path("gpu").path("name").asText());
    assertEquals("sam", root.path("testBundles").get(0).asText());
    JsonNode first = root.path("figures").get(0);
    assertEquals("sdxl.inpaint.p50", first.path("id").asText());
    assertEquals(1150, first.path("value").asDouble());
    assertEquals(1200, first.path("goal").asDouble());
    assertEquals("within", first.path("verdict").asText());
    assertEquals("over", root.path("figures").get(1).path("verdict").asText());
    JsonNode encode = root.path("figures").get(9);
    assertEquals("sam.encode.p50", encode.path("id").asText());
    assertEquals("not judged", encode.path("verdict").asText());
    JsonNode click = root.path("figures").get(10);
    assertTrue(click.path("goal").isNull(), click.toString());
    assertEquals("no goal", click.path("verdict").asText());
    assertEquals(7120 * MIB, root.path("memory").path("bundlesBytes").asLong());
    assertEquals(5000 * MIB, root.path("memory").path("plans").get(4).path("bytes").asLong());
    assertEquals(5, root.path("samples").path("inpaintMs").size());
    assertEquals(29, root.path("samples").path("unetCalls").asInt());
    assertTrue(Files.readString(md).contains("| **both bundles** | | **7120** |"));
  }
}
