package org.segfill.models.engines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segfill.engine.backend.tensorrt.EngineManifest;
import org.segfill.engine.backend.tensorrt.TrtBackend;
import org.segfill.engine.inpaint.RepaintShape;
import org.segfill.engine.inpaint.Target;
import org.segfill.engine.mask.Mask;
import org.segfill.engine.sam.SamPredictor;
import org.segfill.engine.sam.SamPrompt;
import org.segfill.engine.sdxl.InpaintRequest;
import org.segfill.engine.sdxl.ProgressListener;
import org.segfill.engine.sdxl.Region;
import org.segfill.engine.sdxl.SdxlInpaintPipeline;
import org.segfill.engine.sdxl.scheduler.Sampler;
import org.segfill.engine.segment.Point;
import org.segfill.engine.segment.Prompt;
import org.segfill.models.bundle.SamBundle;
import org.segfill.models.bundle.SdxlBundle;
import org.segfill.models.testbundle.TwoShapesScene;

/**
 * Reliability E3: loading the engines, using them once and closing them, 50 times over, gives
 * the device memory back: in use afterwards within 64 MiB of the baseline taken after one such
 * cycle (which fills the CUDA memory pool the kernel places allocate from). Sessions, contexts,
 * plans, device buffers, CUDA places and graphs all have to be freed for that.
 */
@RequiresTensorRt
class TensorRtReloadGpuTest {

  private static final int CYCLES = 50;
  private static final long SLACK = 64L << 20;
  private static final TwoShapesScene SCENE = TwoShapesScene.landscape();

  @TempDir static Path root;
  static Path sam;
  static Path sdxl;

  @BeforeAll
  static void buildPlans() throws IOException {
    TinyPlans plans = TinyPlans.build(root, null);
    sam = plans.sam();
    sdxl = plans.sdxl();
  }

  @Test
  void reloadingTheEnginesFiftyTimesGivesTheDeviceMemoryBack() throws IOException {
    try (Mask ellipse = Mask.of(SCENE.width(), SCENE.height(), SCENE.ellipseMask())) {
      cycle(ellipse);
      long baseline = TrtGpu.deviceBytesInUse();
      for (int i = 0; i < CYCLES; i++) {
        cycle(ellipse);
      }
      long growth = TrtGpu.deviceBytesInUse() - baseline;
      assertTrue(growth <= SLACK, "device memory grew by " + (growth >> 20) + " MiB over "
          + CYCLES + " reloads");
    }
  }

  // Opens both bundles as the server does, runs a click and a two-step generation, closes all.
  private static void cycle(Mask ellipse) throws IOException {
    TrtBackend samBackend = new TrtBackend(sam, EngineManifest.defaultDir(sam), List.of(sam));
    try (SamPredictor predictor = SamBundle.locate(sam).predictor(samBackend)) {
      double[] c = SCENE.ellipseClick();
      predictor.predict(predictor.embed(SCENE.image()),
          SamPrompt.of(Prompt.of(new Point(c[0], c[1], true))));
    }
    TrtBackend sdxlBackend = new TrtBackend(sdxl, EngineManifest.defaultDir(sdxl),
        List.of(sdxl));
    try (SdxlInpaintPipeline pipeline = SdxlBundle.locate(sdxl).pipeline(sdxlBackend)) {
      InpaintRequest request = new InpaintRequest(Target.BACKGROUND, "a photo", null, 7.5, 3,
          0.99, 42, 1, Sampler.EULER, Region.FULL, RepaintShape.DEFAULT, false);
      assertEquals(1, pipeline.generate(SCENE.image(), ellipse, request, ProgressListener.NONE,
          () -> false).variants().size());
    }
  }
}
