package org.segfill.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segfill.devices.CudaProbe;
import org.segfill.devices.TensorRtProbe;
import org.segfill.models.testbundle.TestBundles;

/** {@code segfill build-engines} where it cannot build: refusals, each in one line. */
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
  void aWorkspaceOutOfRangeExitsTwoWithTheRange() throws IOException {
    Path sam = TestBundles.writeSam(dir).resolve(TestBundles.SAM_ONNX);
    CliRun run = CliRun.of("build-engines", "--bundle", sam.toString(), "--workspace-gb", "0");
    assertEquals(Main.BAD_INPUT, run.exit(), run::err);
    assertTrue(run.err().contains("--workspace-gb must be in [1, 64], got 0"), run::err);
  }
}
