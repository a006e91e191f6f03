package org.segfill.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.segfill.models.testbundle.TestBundles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code segfill make-test-bundles}: writes the tiny stand-in bundles for tests and benchmarks. */
@Command(
    name = "make-test-bundles",
    description = "Write tiny stand-in bundles with the real exports' file names and tensor"
        + " interfaces: SAM (sam-onnx, hf, hf with onnx/) and SDXL inpainting (sdxl). They"
        + " segment and paint by colour; they are not the real models.")
final class MakeTestBundlesCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Option(names = "--out", required = true, description = "Directory to write the bundles into.")
  private Path out;

  @Override
  public Integer call() throws Exception {
    Path root = TestBundles.writeSam(out);
    TestBundles.writeSdxl(out);
    spec.commandLine().getOut().printf("wrote %s, %s, %s and %s under %s%n",
        TestBundles.SAM_ONNX, TestBundles.SAM_HF, TestBundles.SAM_HF_ONNX_DIR, TestBundles.SDXL,
        root.toAbsolutePath());
    return 0;
  }
}
