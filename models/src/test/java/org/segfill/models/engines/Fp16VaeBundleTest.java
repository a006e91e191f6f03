package org.segfill.models.engines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segfill.engine.backend.ort.OrtBackend;
import org.segfill.engine.sdxl.SdxlGraphs;
import org.segfill.models.bundle.BundleValidator;
import org.segfill.models.bundle.SdxlBundle;
import org.segfill.models.testbundle.TestBundles;

/**
 * Model contract part 0 item 9 on the ONNX Runtime path: an fp16 VAE graph in a bundle whose VAE
 * is not known to be fp16-safe is refused when the bundle is opened and reported by
 * validate-bundle, naming the file and the fix; the same graph with {@code force_upcast: false}
 * opens.
 */
class Fp16VaeBundleTest {

  @TempDir
  Path root;

  @Test
  void anFp16VaeWithoutTheFp16SafePromiseIsRefused() throws IOException {
    Path sdxl = TestBundles.writeSdxl(root);
    Path decoder = Fp16Graphs.vaeDecoder(sdxl.resolve("vae_decoder/model.onnx"));
    PlanPrecisionTest.setForceUpcast(sdxl, true);

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SdxlBundle.locate(sdxl).open(new OrtBackend(1)));
    assertTrue(e.getMessage().startsWith("sdxl: " + decoder + ": an fp16 VAE"), e.getMessage());
    assertTrue(e.getMessage().contains("\"force_upcast\": false"), e.getMessage());

    BundleValidator.Report report = new BundleValidator(new OrtBackend(1)).validate(sdxl);
    List<String> about = report.problems().stream()
        .filter(p -> p.startsWith(decoder + ": an fp16 VAE")).toList();
    assertEquals(1, about.size(), report.problems().toString());

    PlanPrecisionTest.setForceUpcast(sdxl, false);
    try (SdxlGraphs graphs = SdxlBundle.locate(sdxl).open(new OrtBackend(1))) {
      assertEquals("latent_sample", graphs.vaeDecoder().inputs().get(0).name());
    }
    assertTrue(new BundleValidator(new OrtBackend(1)).validate(sdxl).problems().stream()
        .noneMatch(p -> p.contains("an fp16 VAE")));
  }
}
