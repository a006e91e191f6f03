package org.segfill.engine.sdxl;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.segfill.engine.backend.ForwardingSession;
import org.segfill.engine.backend.Session;
import org.segfill.engine.backend.Tensor;
import org.segfill.engine.backend.ort.OrtBackend;
import org.segfill.engine.inpaint.RepaintShape;
import org.segfill.engine.inpaint.Target;
import org.segfill.engine.mask.Mask;
import org.segfill.engine.sdxl.scheduler.Sampler;
import org.segfill.models.bundle.SdxlBundle;
import org.segfill.models.testbundle.TestBundles;
import org.segfill.models.testbundle.TwoShapesScene;

/**
 * Reliability F1: a graph that overflows (NaN or infinity in its output, as an fp16 VAE or UNet
 * can) fails the generation with {@link NonFiniteOutputException} naming the stage and the fix,
 * instead of a black image; one non-finite value is enough.
 */
class NonFiniteOutputTest {

  private static final TwoShapesScene SCENE = TwoShapesScene.landscape();

  /** A session whose {@code output} gets {@code value} at one index. */
  private static Session poisoned(Session inner, String output, float value) {
    return new ForwardingSession(inner) {
      @Override
      public Map<String, Tensor> run(Map<String, Tensor> inputs, Set<String> wanted) {
        Map<String, Tensor> out = new HashMap<>(delegate().run(inputs, wanted));
        Tensor t = out.get(output);
        float[] values = t.toFloatArray();
        values[values.length / 3] = value;
        out.put(output, Tensor.ofFloats(t.shape(), values));
        return out;
      }
    };
  }

  private static NonFiniteOutputException generateWith(boolean poisonUnet, float value)
      throws IOException {
    Path dir = TestBundles.writeSdxl(Files.createTempDirectory("segfill-nonfinite"));
    SdxlBundle bundle = SdxlBundle.locate(dir);
    SdxlGraphs g = bundle.open(new OrtBackend(1));
    SdxlGraphs graphs = new SdxlGraphs(g.bundleId(), g.textEncoder(), g.textEncoder2(),
        poisonUnet ? poisoned(g.unet(), "out_sample", value) : g.unet(), g.vaeEncoder(),
        poisonUnet ? g.vaeDecoder() : poisoned(g.vaeDecoder(), "sample", value));
    try (SdxlInpaintPipeline pipeline = new SdxlInpaintPipeline(graphs, bundle.settings(),
            "onnxruntime-cpu");
        Mask ellipse = Mask.of(SCENE.width(), SCENE.height(), SCENE.ellipseMask())) {
      InpaintRequest r = new InpaintRequest(Target.BACKGROUND, "a photo", null, 7.5, 4, 0.99,
          1, 1, Sampler.EULER, Region.FULL, RepaintShape.DEFAULT, false);
      return assertThrows(NonFiniteOutputException.class, () -> pipeline.generate(
          SCENE.image(), ellipse, r, ProgressListener.NONE, () -> false));
    }
  }

  @Test
  void anOverflowingVaeDecoderIsReportedNotPainted() throws IOException {
    NonFiniteOutputException e = generateWith(false, Float.NaN);
    assertTrue(e.getMessage().startsWith("the VAE decoder's image"), e.getMessage());
    assertTrue(e.getMessage().contains("1 of "), e.getMessage());
    assertTrue(e.getMessage().contains("fp16-fix VAE"), e.getMessage());
  }

  @Test
  void anOverflowingUnetIsReportedBeforeTheVaeRuns() throws IOException {
    NonFiniteOutputException e = generateWith(true, Float.POSITIVE_INFINITY);
    assertTrue(e.getMessage().startsWith("the denoising loop's latents"), e.getMessage());
  }
}
