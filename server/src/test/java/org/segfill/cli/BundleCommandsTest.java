package org.segfill.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segfill.engine.backend.DType;
import org.segfill.models.onnx.Dim;
import org.segfill.models.onnx.OnnxGraphBuilder;

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
    CliRun sdxl = CliRun.of("validate-bundle", dir.resolve("sdxl").toString());
    assertEquals(0, sdxl.exit(), sdxl.out() + sdxl.err());
    assertEquals("ok: sdxl bundle " + dir.resolve("sdxl") + " (5 graphs checked)",
        sdxl.out().strip());
  }

  @Test
  void oldSdxlExportsAreNamedWithTheFix() throws IOException {
    CliRun.of("make-test-bundles", "--out", dir.toString());
    Path bundle = dir.resolve("sdxl");
    // A UNet as optimum <= 1.23 exported it: an int64 timestep of shape [steps].
    Files.delete(bundle.resolve("unet/model.onnx_data"));
    OnnxGraphBuilder.graph("old_unet")
        .input("sample", DType.FLOAT32, Dim.named("b"), Dim.of(9), Dim.named("h"), Dim.named("w"))
        .input("timestep", DType.INT64, Dim.named("steps"))
        .input("encoder_hidden_states", DType.FLOAT32, Dim.named("b"), Dim.named("s"),
            Dim.of(2048))
        .input("text_embeds", DType.FLOAT32, Dim.named("b"), Dim.of(1280))
        .input("time_ids", DType.FLOAT32, Dim.named("b"), Dim.of(6))
        .longInitializer("starts", new long[] {1}, 0)
        .longInitializer("ends", new long[] {1}, 4)
        .longInitializer("axes", new long[] {1}, 1)
        .node("Slice", List.of("sample", "starts", "ends", "axes"), List.of("out_sample"))
        .output("out_sample", DType.FLOAT32, Dim.named("b"), Dim.of(4), Dim.named("h"),
            Dim.named("w"))
        .write(bundle.resolve("unet/model.onnx"));
    Files.delete(bundle.resolve("tokenizer_2/merges.txt"));
    CliRun run = CliRun.of("validate-bundle", bundle.toString());
    assertEquals(1, run.exit());
    String unet = bundle.resolve("unet/model.onnx").toString();
    assertTrue(run.out().contains("problem: " + unet + ": input 'timestep' dtype: expected"
        + " FLOAT32, found INT64"), run.out());
    assertTrue(run.out().contains("problem: " + unet + ": an int64 [steps] timestep is the"
        + " optimum <= 1.23 export"), run.out());
    assertTrue(run.out().contains(bundle.resolve("tokenizer_2/merges.txt") + ": missing"),
        run.out());
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
