package org.segfill.engine.sdxl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.segfill.engine.backend.HostDeviceSession;
import org.segfill.engine.backend.ort.OrtBackend;
import org.segfill.engine.image.RgbImage;
import org.segfill.engine.inpaint.RepaintShape;
import org.segfill.engine.inpaint.Target;
import org.segfill.engine.mask.Mask;
import org.segfill.engine.sdxl.scheduler.Sampler;
import org.segfill.models.bundle.SdxlBundle;
import org.segfill.models.testbundle.TestBundles;
import org.segfill.models.testbundle.TwoShapesScene;

/**
 * The device-resident loop (the TensorRT path's loop: step table, planned kernels, step index,
 * progress signals, previews, cancel) run on the CPU through {@link HostDeviceSession}: whole
 * generations come out byte for byte as from the host loop, for every sampler family with CFG on
 * and off, and so do the step previews; progress counts every step once, in order; a cancel
 * stops before the next UNet call.
 */
class DeviceDenoiseLoopTest {

  private static final TwoShapesScene SCENE = TwoShapesScene.landscape();
  private static SdxlInpaintPipeline hostLoop;
  private static SdxlInpaintPipeline deviceLoop;
  private static HostDeviceSession unet;
  private static RgbImage image;
  private static Mask ellipse;

  @BeforeAll
  static void open() throws IOException {
    Path dir = TestBundles.writeSdxl(Files.createTempDirectory("segfill-device-loop"));
    SdxlBundle bundle = SdxlBundle.locate(dir);
    hostLoop = new SdxlInpaintPipeline(bundle.open(new OrtBackend(1)), bundle.settings(),
        "onnxruntime-cpu");
    SdxlGraphs graphs = bundle.open(new OrtBackend(1));
    unet = new HostDeviceSession(graphs.unet());
    deviceLoop = new SdxlInpaintPipeline(new SdxlGraphs(graphs.bundleId(), graphs.textEncoder(),
        graphs.textEncoder2(), unet, graphs.vaeEncoder(), graphs.vaeDecoder()),
        bundle.settings(), "onnxruntime-cpu");
    image = SCENE.image();
    ellipse = Mask.of(SCENE.width(), SCENE.height(), SCENE.ellipseMask());
  }

  @AfterAll
  static void close() {
    hostLoop.close();
    deviceLoop.close();
    ellipse.close();
  }

  private static InpaintRequest request(Sampler sampler, double guidance, int count) {
    return new InpaintRequest(Target.BACKGROUND, "red bricks", "blurry", guidance, 9, 0.99, 7,
        count, sampler, Region.FULL, RepaintShape.DEFAULT, false);
  }

  @ParameterizedTest
  @CsvSource({"EULER, 7.5, 1", "EULER, 1, 2", "EULER_ANCESTRAL, 5, 2", "EULER_ANCESTRAL, 1, 1",
      "DPMPP_2M, 6, 1", "DPMPP_2M_KARRAS, 1, 2"})
  void theDeviceLoopGivesTheHostLoopsBytes(Sampler sampler, double guidance, int count) {
    InpaintRequest r = request(sampler, guidance, count);
    int before = unet.enqueued.get();
    Generation host = hostLoop.generate(image, ellipse, r, ProgressListener.NONE, () -> false);
    Generation device = deviceLoop.generate(image, ellipse, r, ProgressListener.NONE,
        () -> false);
    int calls = (Integer) device.variants().get(0).recipe().fields().get("unetCalls");
    assertEquals(calls, unet.enqueued.get() - before, "every step ran through the device loop");
    assertEquals(count, device.variants().size());
    for (int v = 0; v < count; v++) {
      assertArrayEquals(host.variants().get(v).image().rgb(),
          device.variants().get(v).image().rgb(), sampler + " variant " + v);
    }
  }

  @Test
  void progressCountsEveryStepOnceInOrder() {
    List<Integer> steps = new ArrayList<>();
    ProgressListener listener = p -> steps.add(p.step());
    Generation g = deviceLoop.generate(image, ellipse, request(Sampler.EULER, 5, 1), listener,
        () -> false);
    int calls = (Integer) g.variants().get(0).recipe().fields().get("unetCalls");
    List<Integer> expected = new ArrayList<>();
    for (int k = 1; k <= calls; k++) {
      expected.add(k);
    }
    assertEquals(expected, steps);
  }

  @ParameterizedTest
  @CsvSource({"EULER, 7.5", "DPMPP_2M, 1"})
  void previewsAreTheHostLoopsPreviews(Sampler sampler, double guidance) {
    List<RgbImage> host = new ArrayList<>();
    List<RgbImage> device = new ArrayList<>();
    InpaintRequest r = request(sampler, guidance, 2);
    Generation a = hostLoop.generate(image, ellipse, r, previews(host), () -> false);
    Generation b = deviceLoop.generate(image, ellipse, r, previews(device), () -> false);
    assertEquals(a.variants().get(0).recipe().fields().get("unetCalls"), device.size());
    assertEquals(host.size(), device.size());
    for (int k = 0; k < host.size(); k++) {
      assertArrayEquals(host.get(k).rgb(), device.get(k).rgb(), "preview of step " + (k + 1));
    }
    // Not one picture over and over: the previews follow the denoising.
    assertNotEquals(0, differing(device.get(0).rgb(), device.get(device.size() - 1).rgb()));
    assertArrayEquals(a.variants().get(1).image().rgb(), b.variants().get(1).image().rgb());
  }

  private static ProgressListener previews(List<RgbImage> into) {
    return new ProgressListener() {
      @Override
      public void onStep(StepProgress progress) {
        into.add(progress.preview());
      }

      @Override
      public boolean wantsPreview() {
        return true;
      }
    };
  }

  private static int differing(byte[] a, byte[] b) {
    int count = 0;
    for (int i = 0; i < a.length; i++) {
      count += a[i] != b[i] ? 1 : 0;
    }
    return count;
  }

  @Test
  void aCancelStopsBeforeTheNextUnetCall() {
    List<Integer> steps = new ArrayList<>();
    int before = unet.enqueued.get();
    CancellationException e = assertThrows(CancellationException.class,
        () -> deviceLoop.generate(image, ellipse, request(Sampler.EULER_ANCESTRAL, 5, 1),
            p -> steps.add(p.step()), () -> steps.size() >= 3));
    assertEquals(3, unet.enqueued.get() - before, "UNet calls before the cancel took effect");
    assertEquals(List.of(1, 2, 3), steps);
    assertEquals("cancelled before step 4 of 8", e.getMessage());
  }
}
