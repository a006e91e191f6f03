package org.segfill.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segfill.devices.CudaProbe;
import org.segfill.devices.TensorRtProbe;
import org.segfill.models.testbundle.TestBundles;

/**
 * {@code segfill build-engines} where it cannot build: refusals, each in one line, and
 * {@code --print-profiles}, which needs no GPU.
 */
class BuildEnginesCommandTest {

  @TempDir Path dir;

  @Test
  void withoutAGpuItSaysSoInOneLineAndExitsOne() throws IOException {
    Assumptions.assumeFalse(CudaProbe.available() && TensorRtProbe.probe().available(),
        "a GPU and TensorRT are present: BuildEnginesGpuTest builds for real");
    Path sam = TestBundles.writeSam(dir).resolve(TestBundles.SAM_ONNX);
    CliRun run = CliRun.of("build-engines", "--bundle", sam.toString());
    assertEquals(Main.FAILED, run.exit(), run::err);
    assertTrue(run.err().startsWith("segfill build-engines: no GPU available to build TensorRT"
        + " engines ("), run::err);
    assertTrue(run.err().contains(CudaProbe.available() ? "TensorRT: " : "CUDA: "), run::err);
    assertEquals(1, run.err().strip().lines().count(), run::err);
    assertFalse(run.err().contains("\tat "), run::err);
    assertFalse(Files.exists(sam.resolve("engines/manifest.json")));
  }

  @Test
  void aFolderWithoutABundleExitsTwoNamingTheFlag() {
    CliRun run = CliRun.of("build-engines", "--bundle", dir.resolve("none").toString());
    assertEquals(Main.BAD_INPUT, run.exit(), run::err);
    assertTrue(run.err().contains("--bundle: " + dir.resolve("none") + " is not a directory"),
        run::err);
  }

  @Test
  void printProfilesListsEveryGraphAsOneJsonLineWithoutBuilding() throws IOException {
    Path sdxl = TestBundles.writeSdxl(dir.resolve("sdxl"));
    CliRun run = CliRun.of("build-engines", "--bundle", sdxl.toString(), "--print-profiles");
    assertEquals(0, run.exit(), run::err);
    List<String> lines = run.out().strip().lines().toList();
    assertEquals(5, lines.size(), run::out);
    JsonNode unet = new ObjectMapper().readTree(lines.get(2));
    assertEquals("unet/model.onnx", unet.get("source").asText());
    assertEquals("unet.plan", unet.get("plan").asText());
    assertEquals("weak", unet.get("typing").asText());
    assertEquals("fp16", unet.get("precision").asText());
    assertEquals(5, unet.get("profiles").size());
    JsonNode square = unet.get("profiles").get(2);
    assertEquals("square", square.get("name").asText());
    assertEquals("[6,9,128,128]", square.get("inputs").get("sample").get("opt").toString());
    assertEquals("1152x1152", square.get("admits").get("image").asText());
    assertEquals(8, square.get("admits").get("batch").asInt());
    JsonNode decoder = new ObjectMapper().readTree(lines.get(4));
    assertEquals("vae_decoder.plan", decoder.get("plan").asText());
    assertEquals(1, decoder.get("profiles").get(0).get("admits").get("batch").asInt());
    assertFalse(Files.exists(sdxl.resolve("engines")), "nothing is built");
  }

  @Test
  void printProfilesWithStaticShowsTheImageAxesFixed() throws IOException {
    Path sdxl = TestBundles.writeSdxl(dir.resolve("sdxl"));
    CliRun run = CliRun.of("build-engines", "--bundle", sdxl.toString(), "--print-profiles",
        "--static", "1024x1024");
    assertEquals(0, run.exit(), run::err);
    JsonNode decoder = new ObjectMapper().readTree(run.out().strip().lines().toList().get(4));
    assertEquals(1, decoder.get("profiles").size());
    JsonNode only = decoder.get("profiles").get(0);
    assertEquals("static 1024x1024", only.get("name").asText());
    JsonNode latents = only.get("inputs").get("latent_sample");
    assertEquals("[1,4,128,128]", latents.get("min").toString());
    assertEquals("[1,4,128,128]", latents.get("max").toString());
    assertEquals(1, only.get("admits").get("buckets").asInt());
  }

  @Test
  void aStaticSizeThatIsNoBucketExitsTwoWithTheRule() throws IOException {
    Path sdxl = TestBundles.writeSdxl(dir.resolve("sdxl"));
    CliRun run = CliRun.of("build-engines", "--bundle", sdxl.toString(), "--static",
        "1000x1000");
    assertEquals(Main.BAD_INPUT, run.exit(), run::err);
    assertTrue(run.err().startsWith("segfill build-engines: --static must be one of the 73 SDXL"
        + " buckets (W and H multiples of 64,"), run::err);
    assertTrue(run.err().contains("got 1000x1000; the nearest in aspect is 1024x1024"),
        run::err);
    assertEquals(1, run.err().strip().lines().count(), run::err);
  }

  @Test
  void aStaticSizeForASamBundleExitsTwo() throws IOException {
    Path sam = TestBundles.writeSam(dir).resolve(TestBundles.SAM_ONNX);
    CliRun run = CliRun.of("build-engines", "--bundle", sam.toString(), "--print-profiles",
        "--static", "1024x1024");
    assertEquals(Main.BAD_INPUT, run.exit(), run::err);
    assertTrue(run.err().startsWith("segfill build-engines: --static 1024x1024: only SDXL"
        + " plans have image sizes to fix"), run::err);
  }

  @Test
  void printProfilesOnAFolderThatIsNoBundleExitsTwo() throws IOException {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    CliRun run = CliRun.of("build-engines", "--bundle", empty.toString(), "--print-profiles");
    assertEquals(Main.BAD_INPUT, run.exit(), run::err);
    assertTrue(run.err().startsWith("segfill build-engines: --bundle: " + empty
        + " is no SDXL bundle"), run::err);
    assertEquals("", run.out());
  }

  @Test
  void aWorkspaceOutOfRangeExitsTwoWithTheRange() throws IOException {
    Path sam = TestBundles.writeSam(dir).resolve(TestBundles.SAM_ONNX);
    CliRun run = CliRun.of("build-engines", "--bundle", sam.toString(), "--workspace-gb", "0");
    assertEquals(Main.BAD_INPUT, run.exit(), run::err);
    assertTrue(run.err().contains("--workspace-gb must be in [1, 64], got 0"), run::err);
  }
}
