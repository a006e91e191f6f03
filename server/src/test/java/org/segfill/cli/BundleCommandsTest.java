package org.segfill.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code make-test-bundles} and {@code validate-bundle}, through the CLI. */
class BundleCommandsTest {

  @TempDir Path dir;

  @Test
  void theTestBundlesAreWrittenAndValidateCleanly() {
    CliRun made = CliRun.of("make-test-bundles", "--out", dir.toString());
    assertEquals(0, made.exit(), made.err());
    for (String bundle : new String[] {"sam-onnx", "sam-hf", "sam-hf-onnx-dir"}) {
      CliRun valid = CliRun.of("validate-bundle", dir.resolve(bundle).toString());
      assertEquals(0, valid.exit(), valid.out() + valid.err());
      assertTrue(valid.out().startsWith("ok: sam/"), valid.out());
    }
  }

  @Test
  void everyMismatchIsOneLineNamingFileTensorAndValues() throws IOException {
    CliRun.of("make-test-bundles", "--out", dir.toString());
    Path bundle = dir.resolve("sam-onnx");
    // The encoder's file replaced by the hf encoder: other input and an extra output.
    Files.copy(dir.resolve("sam-hf/vision_encoder.onnx"), bundle.resolve("encoder.onnx"),
        StandardCopyOption.REPLACE_EXISTING);
    CliRun run = CliRun.of("validate-bundle", bundle.toString());
    assertEquals(1, run.exit());
    String encoder = bundle.resolve("encoder.onnx").toString();
    assertTrue(run.out().contains("problem: " + encoder + ": input 'image' missing; expected"
        + " FLOAT32[1, 3, 1024, 1024]; found inputs [pixel_values]"), run.out());
    assertTrue(run.out().contains("problem: " + encoder + ": input 'pixel_values'"
        + " (FLOAT32[?, 3, 1024, 1024]) is not one segfill feeds"), run.out());
    assertTrue(run.out().contains("2 problem(s) in " + bundle), run.out());
  }

  @Test
  void aCorruptOrMissingGraphIsReportedNotThrown() throws IOException {
    CliRun.of("make-test-bundles", "--out", dir.toString());
    Path bundle = dir.resolve("sam-hf");
    Files.writeString(bundle.resolve("prompt_encoder_mask_decoder.onnx"), "not a graph");
    CliRun corrupt = CliRun.of("validate-bundle", bundle.toString());
    assertEquals(1, corrupt.exit());
    assertTrue(corrupt.out().contains("prompt_encoder_mask_decoder.onnx: cannot be loaded as an"
        + " ONNX graph"), corrupt.out());
    Files.delete(bundle.resolve("vision_encoder.onnx"));
    CliRun missing = CliRun.of("validate-bundle", bundle.toString());
    assertTrue(missing.out().contains("vision_encoder.onnx: missing (hf layout)"), missing.out());
    CliRun empty = CliRun.of("validate-bundle", dir.resolve("nothing-here").toString());
    assertEquals(1, empty.exit());
    assertTrue(empty.out().contains("not a directory"), empty.out());
  }
}
