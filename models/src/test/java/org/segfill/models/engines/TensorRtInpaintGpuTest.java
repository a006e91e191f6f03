package org.segfill.models.engines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segfill.engine.backend.ort.OrtBackend;
import org.segfill.engine.backend.tensorrt.EngineManifest;
import org.segfill.engine.backend.tensorrt.TrtBackend;
import org.segfill.engine.image.RgbImage;
import org.segfill.engine.inpaint.RepaintShape;
import org.segfill.engine.inpaint.Target;
import org.segfill.engine.mask.Mask;
import org.segfill.engine.sam.SamPredictor;
import org.segfill.engine.sam.SamPrompt;
import org.segfill.engine.sdxl.Generation;
import org.segfill.engine.sdxl.InpaintRequest;
import org.segfill.engine.sdxl.ProgressListener;
import org.segfill.engine.sdxl.Region;
import org.segfill.engine.sdxl.SdxlInpaintPipeline;
import org.segfill.engine.sdxl.StepProgress;
import org.segfill.engine.sdxl.scheduler.Sampler;
import org.segfill.engine.segment.Point;
import org.segfill.engine.segment.Prompt;
import org.segfill.models.bundle.SamBundle;
import org.segfill.models.bundle.SdxlBundle;
import org.segfill.models.testbundle.TwoShapesScene;
import org.segfill.place.KernelPlace;

/**
 * The TensorRT path end to end on the tiny bundles: inpainting through the device-resident loop,
 * with the pre- and post-processing on the CUDA place, against ONNX Runtime CPU (on the CPU
 * twin), the loop's progress and cancel, and no device-memory growth over 100 requests. Skipped
 * without a CUDA device and TensorRT, with the reason.
 */
@RequiresTensorRt
class TensorRtInpaintGpuTest {

  /** Mean absolute difference allowed between the two backends' images, in 8-bit levels. */
  private static final double MEAN_LEVELS = 3.0;
  /** Device memory the 100 requests may add (allocator slack), bytes. */
  private static final long GROWTH = 16L << 20;

  private static final TwoShapesScene SCENE = TwoShapesScene.landscape();
  @TempDir static Path root;
  static Path sdxl;
  static Path sam;
  static SdxlInpaintPipeline trt;
  static SdxlInpaintPipeline cpu;
  static Mask ellipse;

  @BeforeAll
  static void open() throws IOException {
    TinyPlans plans = TinyPlans.build(root, null);
    sdxl = plans.sdxl();
    sam = plans.sam();
    SdxlBundle bundle = SdxlBundle.locate(sdxl);
    // As the server wires it: the TensorRT pipeline's pre- and post-processing on the CUDA
    // place the backend opens (the pipeline closes it).
    TrtBackend backend = new TrtBackend(sdxl, EngineManifest.defaultDir(sdxl), List.of(sdxl));
    KernelPlace place = backend.openKernelPlace();
    assertTrue(place.onDevice(), "TensorRT's place is a CUDA place");
    trt = new SdxlInpaintPipeline(bundle.open(backend), bundle.settings(), "tensorrt", place);
    cpu = new SdxlInpaintPipeline(bundle.open(new OrtBackend(2)), bundle.settings(),
        "onnxruntime-cpu");
    ellipse = Mask.of(SCENE.width(), SCENE.height(), SCENE.ellipseMask());
  }

  @AfterAll
  static void close() {
    if (trt != null) {
      trt.close();
      cpu.close();
      ellipse.close();
    }
  }

  private static InpaintRequest request(int steps) {
    return new InpaintRequest(Target.BACKGROUND, "a photo", null, 7.5, steps, 0.99, 42, 1,
        Sampler.EULER_ANCESTRAL, Region.FULL, RepaintShape.DEFAULT, false);
  }

  @Test
  void tensorRtAndOnnxRuntimeCpuInpaintTheSameImage() {
    RgbImage a = trt.generate(SCENE.image(), ellipse, request(20), ProgressListener.NONE,
        () -> false).variants().get(0).image();
    RgbImage b = cpu.generate(SCENE.image(), ellipse, request(20), ProgressListener.NONE,
        () -> false).variants().get(0).image();
    double sum = 0;
    for (int i = 0; i < a.rgb().length; i++) {
      sum += Math.abs((a.rgb()[i] & 0xff) - (b.rgb()[i] & 0xff));
    }
    double mean = sum / a.rgb().length;
    assertTrue(mean <= MEAN_LEVELS, "mean difference " + mean + " levels");
  }

  // Two generations at once take turns on the one CUDA place (one stream): same bytes as alone.
  @Test
  void concurrentGenerationsGiveTheBytesTheyGiveAlone() throws Exception {
    byte[] alone = trt.generate(SCENE.image(), ellipse, request(4), ProgressListener.NONE,
        () -> false).variants().get(0).image().rgb();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<byte[]>> runs = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        runs.add(pool.submit(() -> trt.generate(SCENE.image(), ellipse, request(4),
            ProgressListener.NONE, () -> false).variants().get(0).image().rgb()));
      }
      for (Future<byte[]> run : runs) {
        assertArrayEquals(alone, run.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void theLoopReportsEveryStepInOrder() {
    List<Integer> steps = new ArrayList<>();
    Generation g = trt.generate(SCENE.image(), ellipse, request(12), recording(steps),
        () -> false);
    assertEquals(1, g.variants().size());
    // int(12 * 0.99) = 11 UNet calls (contract B3: the strength drops the first timestep).
    int calls = (Integer) g.variants().get(0).recipe().fields().get("unetCalls");
    assertEquals(11, calls);
    List<Integer> expected = new ArrayList<>();
    for (int k = 1; k <= calls; k++) {
      expected.add(k);
    }
    assertEquals(expected, steps);
  }

  // Previews take the device loop's other path (a step is queued once the one before finished,
  // and the latents are copied inside the captured step): the same bytes as without them, and
  // a preview for every step, close to what the CPU loop previews.
  @Test
  void previewsChangeNoByteAndComeWithEveryStep() {
    List<RgbImage> onGpu = new ArrayList<>();
    List<RgbImage> onCpu = new ArrayList<>();
    byte[] without = trt.generate(SCENE.image(), ellipse, request(8), ProgressListener.NONE,
        () -> false).variants().get(0).image().rgb();
    byte[] with = trt.generate(SCENE.image(), ellipse, request(8), previewing(onGpu),
        () -> false).variants().get(0).image().rgb();
    cpu.generate(SCENE.image(), ellipse, request(8), previewing(onCpu), () -> false);
    assertArrayEquals(without, with);
    assertEquals(7, onGpu.size(), "int(8 * 0.99) = 7 steps, each with a preview");
    assertEquals(onCpu.size(), onGpu.size());
    for (int k = 0; k < onGpu.size(); k++) {
      byte[] a = onGpu.get(k).rgb();
      byte[] b = onCpu.get(k).rgb();
      double sum = 0;
      for (int i = 0; i < a.length; i++) {
        sum += Math.abs((a[i] & 0xff) - (b[i] & 0xff));
      }
      assertTrue(sum / a.length <= MEAN_LEVELS, "preview " + (k + 1) + ": mean difference "
          + sum / a.length + " levels");
    }
  }

  private static ProgressListener previewing(List<RgbImage> into) {
    return new ProgressListener() {
      @Override
      public void onStep(StepProgress p) {
        assertNotNull(p.preview(), "step " + p.step() + " has a preview");
        into.add(p.preview());
      }

      @Override
      public boolean wantsPreview() {
        return true;
      }
    };
  }

  @Test
  void cancelTakesEffectAtTheNextStepBoundary() {
    List<Integer> steps = new ArrayList<>();
    assertThrows(CancellationException.class, () -> trt.generate(SCENE.image(), ellipse,
        request(30), recording(steps), () -> steps.size() >= 3));
    // Steps already queued when the cancel was seen may still finish, no more.
    assertTrue(steps.size() >= 3 && steps.size() <= 3 + 2, "steps seen: " + steps);
  }

  @Test
  void oneHundredRequestsDoNotGrowDeviceMemory() {
    SamBundle bundle = SamBundle.locate(sam);
    TrtBackend backend = new TrtBackend(sam, EngineManifest.defaultDir(sam), List.of(sam));
    // The product's CUDA place: its buffers must be freed per click too.
    try (SamPredictor predictor = new SamPredictor(bundle.open(backend),
        backend.openKernelPlace())) {
      var embedding = predictor.embed(SCENE.image());
      double[] c = SCENE.ellipseClick();
      SamPrompt click = SamPrompt.of(Prompt.of(new Point(c[0], c[1], true)));
      predictor.predict(embedding, click);
      trt.generate(SCENE.image(), ellipse, request(2), ProgressListener.NONE, () -> false);
      long before = TrtGpu.deviceBytesInUse();
      for (int i = 0; i < 100; i++) {
        predictor.predict(predictor.embed(SCENE.image()), click);
        if (i % 10 == 0) {
          trt.generate(SCENE.image(), ellipse, request(2), ProgressListener.NONE, () -> false);
        }
      }
      long growth = TrtGpu.deviceBytesInUse() - before;
      assertTrue(growth <= GROWTH, "device memory grew by " + growth + " bytes");
    }
  }

  private static ProgressListener recording(List<Integer> steps) {
    return new ProgressListener() {
      @Override
      public void onStep(StepProgress p) {
        steps.add(p.step());
      }
    };
  }
}
