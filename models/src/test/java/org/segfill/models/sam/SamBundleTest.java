package org.segfill.models.sam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segfill.engine.backend.ort.OrtBackend;
import org.segfill.engine.sam.SamGraphs;
import org.segfill.engine.sam.SamLayout;
import org.segfill.models.bundle.BundleId;
import org.segfill.models.bundle.SamBundle;
import org.segfill.models.testbundle.TestBundles;

/** Layout detection, bundle identity, and missing, empty, corrupt or mismatched graph files. */
class SamBundleTest {

  @TempDir Path dir;

  private Path copy(String folder) throws IOException {
    Path from = SamBundlesFixture.root().resolve(folder);
    Path to = dir.resolve(folder);
    try (var walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
    return to;
  }

  @Test
  void theLayoutIsToldFromTheFiles() {
    Path root = SamBundlesFixture.root();
    assertEquals(SamLayout.SAM_ONNX, SamBundle.locate(root.resolve(TestBundles.SAM_ONNX)).layout());
    assertEquals(SamLayout.HF, SamBundle.locate(root.resolve(TestBundles.SAM_HF)).layout());
    SamBundle onnxDir = SamBundle.locate(root.resolve(TestBundles.SAM_HF_ONNX_DIR));
    assertEquals(SamLayout.HF, onnxDir.layout());
    assertTrue(onnxDir.encoder().endsWith("onnx/vision_encoder.onnx"));
    IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
        () -> SamBundle.locate(dir));
    assertTrue(none.getMessage().contains("holds no SAM bundle"), none.getMessage());
  }

  @Test
  void aMissingGraphIsNamed() throws IOException {
    Path bundle = copy(TestBundles.SAM_ONNX);
    Files.delete(bundle.resolve("decoder.onnx"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SamBundle.locate(bundle).open(new OrtBackend(1)));
    assertTrue(e.getMessage().contains("decoder.onnx: missing (sam-onnx layout)"), e.getMessage());
  }

  @Test
  void emptyAndCorruptGraphsAreRefusedWithTheFileNamed() throws IOException {
    Path bundle = copy(TestBundles.SAM_ONNX);
    Path encoder = bundle.resolve("encoder.onnx");
    Files.write(encoder, new byte[0]);
    IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
        () -> SamBundle.locate(bundle).open(new OrtBackend(1)));
    assertTrue(empty.getMessage().contains("encoder.onnx: empty file"), empty.getMessage());

    byte[] good = Files.readAllBytes(SamBundlesFixture.root().resolve("sam-onnx/encoder.onnx"));
    Files.write(encoder, java.util.Arrays.copyOf(good, good.length / 2));
    IllegalArgumentException corrupt = assertThrows(IllegalArgumentException.class,
        () -> SamBundle.locate(bundle).open(new OrtBackend(1)));
    assertTrue(corrupt.getMessage().startsWith("sam: " + encoder + " could not be loaded: "),
        corrupt.getMessage());
  }

  @Test
  void graphsOfTheOtherLayoutAreRefusedListingEveryMismatch() throws IOException {
    Path bundle = copy(TestBundles.SAM_ONNX);
    // An hf decoder under the sam-onnx name.
    Files.copy(SamBundlesFixture.root().resolve("sam-hf/prompt_encoder_mask_decoder.onnx"),
        bundle.resolve("decoder.onnx"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SamBundle.locate(bundle).open(new OrtBackend(1)));
    String m = e.getMessage();
    assertTrue(m.contains("decoder.onnx: input 'point_coords' missing; expected FLOAT32[1, ?, 2]"),
        m);
    assertTrue(m.contains("decoder.onnx: output 'low_res_masks' missing"), m);
    assertTrue(m.contains("decoder.onnx: input 'input_labels' (INT64[?, ?, ?]) is not one"
        + " segfill feeds"), m);
  }

  @Test
  void theBundleIdChangesWithTheContentAndIgnoresBuiltEngines() throws IOException {
    Path bundle = copy(TestBundles.SAM_ONNX);
    String id = BundleId.of(bundle);
    assertTrue(id.matches("[0-9a-f]{12}"), id);
    Files.createDirectories(bundle.resolve("engines"));
    Files.writeString(bundle.resolve("engines/encoder.plan"), "built from the bundle");
    assertEquals(id, BundleId.of(bundle));
    Files.writeString(bundle.resolve("segfill-bundle.json"), "{\"layout\": \"sam-onnx\"} ");
    assertNotEquals(id, BundleId.of(bundle));
    try (SamGraphs graphs = SamBundle.locate(bundle).open(new OrtBackend(1))) {
      assertEquals(BundleId.of(bundle), graphs.bundleId());
    }
  }
}
