package org.segfill.bench.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segfill.devices.CudaProbe;
import org.segfill.engine.backend.tensorrt.EngineManifest;
import org.segfill.models.testbundle.TestBundles;

/**
 * {@code segfill bench figures} refuses, with one line and its exit code, what it cannot
 * measure: bad flags (2) and, on a machine without CUDA, the GPU itself (3).
 */
class GpuFiguresCommandTest {

  @TempDir Path dir;
  private Path sam;
  private Path sdxl;

  private record Outcome(int status, String out, String err) {}

  @BeforeEach
  void bundlesWithAManifest() throws IOException {
    sam = TestBundles.writeSam(dir.resolve("bundles")).resolve(TestBundles.SAM_ONNX);
    sdxl = TestBundles.writeSdxl(dir.resolve("bundles"));
    // Only its presence is checked before the GPU: the plans are read by TensorRT.
    for (Path bundle : new Path[] {sam, sdxl}) {
      Files.createDirectories(EngineManifest.defaultDir(bundle));
      Files.writeString(EngineManifest.defaultFile(bundle), "{}");
    }
  }

  private static Outcome run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = GpuFiguresCommand.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Outcome(status, out.toString(), err.toString().strip());
  }

  @Test
  void withoutCudaItRefusesWithOneLineNamingTheMissingLibrary() {
    assumeFalse(CudaProbe.available(), "this machine has a GPU");
    Path json = dir.resolve("figures.json");

    Outcome o = run("--sam", sam.toString(), "--sdxl", sdxl.toString(), "--out",
        json.toString());

    assertEquals(GpuFiguresCommand.NO_GPU, o.status());
    assertFalse(o.err().contains("\n"), o.err());
    assertTrue(o.err().startsWith("segfill bench figures: no GPU: "), o.err());
    assertTrue(o.err().matches(".*lib[A-Za-z0-9_.+-]+\\.so\\.\\d+ not found.*"), o.err());
    assertFalse(Files.exists(json), "nothing written");
    assertFalse(Files.exists(dir.resolve("figures.md")), "nothing written");
  }

  @Test
  void anSdxlThatIsNotADirectoryIsRefusedNamingTheFlag() {
    Outcome o = run("--sam", sam.toString(), "--sdxl", dir.resolve("nowhere").toString(),
        "--out", dir.resolve("f.json").toString());

    assertEquals(GpuFiguresCommand.BAD_INPUT, o.status());
    assertEquals("segfill bench figures: --sdxl: " + dir.resolve("nowhere")
        + " is not a directory", o.err());
  }

  @Test
  void aBundleWithoutPlansIsRefusedWithTheCommandThatBuildsThem() throws IOException {
    Files.delete(EngineManifest.defaultFile(sam));

    Outcome o = run("--sam", sam.toString(), "--sdxl", sdxl.toString(), "--out",
        dir.resolve("f.json").toString());

    assertEquals(GpuFiguresCommand.BAD_INPUT, o.status());
    assertTrue(o.err().startsWith("segfill bench figures: --sam: " + sam + " has no TensorRT"
        + " plans"), o.err());
    assertTrue(o.err().endsWith("build them with: ./segfill build-engines --bundle " + sam),
        o.err());
  }

  @Test
  void unknownTestBundlesNoRunsAndAMissingOutDirectoryAreRefused() {
    String[] bundles = {"--sam", sam.toString(), "--sdxl", sdxl.toString()};
    Outcome vae = run(concat(bundles, "--test-bundles", "sdxl,vae", "--out",
        dir.resolve("f.json").toString()));
    assertEquals(2, vae.status());
    assertEquals("segfill bench figures: --test-bundles: 'vae' is not a bundle; allowed: sam,"
        + " sdxl", vae.err());

    Outcome runs = run(concat(bundles, "--runs", "0", "--out", dir.resolve("f.json").toString()));
    assertEquals(2, runs.status());
    assertEquals("segfill bench figures: --runs: must be at least 1, got 0", runs.err());

    Path nowhere = dir.resolve("no/such/dir/f.json");
    Outcome out = run(concat(bundles, "--out", nowhere.toString()));
    assertEquals(2, out.status());
    assertEquals("segfill bench figures: --out: " + nowhere + " is not a file in an existing"
        + " directory", out.err());
  }

  @Test
  void theSummaryCountsEachVerdictInTheirOrder() {
    assertEquals("1 within, 2 over, 1 no goal", GpuFiguresCommand.summary(List.of(
        f(Verdict.OVER), f(Verdict.NO_GOAL), f(Verdict.WITHIN), f(Verdict.OVER))));
  }

  private static Figure f(Verdict v) {
    return new Figure("x", "x", 1, "ms", 2.0, v);
  }

  private static String[] concat(String[] a, String... b) {
    String[] all = new String[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
