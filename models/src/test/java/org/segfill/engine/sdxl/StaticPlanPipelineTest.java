package org.segfill.engine.sdxl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segfill.engine.backend.RangedSession;
import org.segfill.engine.backend.ShapeRange;
import org.segfill.engine.backend.Tensor;
import org.segfill.engine.backend.ort.OrtBackend;
import org.segfill.engine.image.RgbImage;
import org.segfill.engine.inpaint.RepaintShape;
import org.segfill.engine.inpaint.Target;
import org.segfill.engine.mask.Mask;
import org.segfill.engine.sdxl.scheduler.Sampler;
import org.segfill.models.bundle.SdxlBundle;
import org.segfill.models.sdxl.RecordingSession;
import org.segfill.models.testbundle.TestBundles;
import org.segfill.models.testbundle.TwoShapesScene;

/**
 * The pipeline on a UNet that, like a plan built with {@code build-engines --static 1024x1024},
 * runs only 1024x1024 (a tiny ONNX Runtime UNet whose ranges are narrowed): a 3:2 photo, whose
 * own bucket is 1280x832, generates at 1024x1024 and says so, instead of failing in the UNet.
 */
class StaticPlanPipelineTest {

  private static final SdxlBuckets.Size SQUARE = new SdxlBuckets.Size(1024, 1024);
  private static final SdxlBuckets.Size THREE_TWO = new SdxlBuckets.Size(1280, 832);
  private static final long[] UNET_MIN = {1, 9, 128, 128};
  private static final long[] UNET_MAX = {8, 9, 128, 128};

  @TempDir static Path root;
  static SdxlGraphs ort;
  static RecordingSession unetCalls;
  static RangedSession staticUnet;
  static SdxlInpaintPipeline pipeline;

  @BeforeAll
  static void open() throws IOException {
    SdxlBundle bundle = SdxlBundle.locate(TestBundles.writeSdxl(root.resolve("sdxl")));
    ort = bundle.open(new OrtBackend(2));
    unetCalls = new RecordingSession(ort.unet());
    staticUnet = new RangedSession(unetCalls,
        List.of(new ShapeRange("sample", UNET_MIN, UNET_MAX)));
    pipeline = new SdxlInpaintPipeline(new SdxlGraphs(ort.bundleId(), ort.textEncoder(),
        ort.textEncoder2(), staticUnet, ort.vaeEncoder(), ort.vaeDecoder()), bundle.settings(),
        "onnxruntime-cpu");
  }

  @AfterAll
  static void close() {
    pipeline.close();
    // The recording wrapper leaves the UNet it wraps open.
    ort.unet().close();
  }

  @Test
  void theNarrowedUnetRefusesThe3To2BucketAsAStaticPlanWould() {
    assertEquals(THREE_TWO, SdxlBuckets.nearest(1536, 1024), "the 3:2 photo's own bucket");
    Tensor sample = Tensor.ofFloats(new long[] {2, 9, THREE_TWO.latentHeight(),
        THREE_TWO.latentWidth()}, new float[2 * 9 * 104 * 160]);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> staticUnet.run(Map.of("sample", sample), Set.of("out_sample")));
    assertEquals("input 'sample': dimension 2 must be between 128 and 128, got 104",
        e.getMessage());
  }

  @Test
  void a3To2PhotoGeneratesAt1024x1024AndTheResultSaysSo() {
    TwoShapesScene scene = TwoShapesScene.landscape().scaledTo(1536, 1024);
    RgbImage image = scene.image();
    int before = unetCalls.calls().size();
    Generation g;
    try (Mask ellipse = Mask.of(scene.width(), scene.height(), scene.ellipseMask())) {
      g = pipeline.generate(image, ellipse, request(), ProgressListener.NONE, () -> false);
    }
    var fields = g.variants().get(0).recipe().fields();
    assertEquals(List.of(1024, 1024), fields.get("size"));
    assertEquals(List.of(0, 0, 1536, 1024), fields.get("window"));
    RgbImage out = g.variants().get(0).image();
    assertEquals(1536, out.width());
    assertEquals(1024, out.height());

    List<RecordingSession.Call> calls = unetCalls.calls().subList(before,
        unetCalls.calls().size());
    assertEquals(7, calls.size(), "int(8 * 0.99) = 7 UNet calls");
    for (RecordingSession.Call call : calls) {
      assertArrayEquals(new long[] {2, 9, 128, 128}, call.inputs().get("sample").shape());
      assertArrayEquals(new float[] {1024, 1024, 0, 0, 1024, 1024, 1024, 1024, 0, 0, 1024, 1024},
          call.input("time_ids"), "time_ids name the size generated at, for both CFG halves");
    }

    assertEquals(1, g.warnings().size(), g.warnings()::toString);
    assertEquals("size: generated at 1024x1024, not 1280x832 (the bucket nearest the 1536x1024"
        + " window's aspect): the graphs run 1 of the 73 SDXL sizes (the UNet's 'sample'"
        + " [1, 9, 128, 128] to [8, 9, 128, 128]), as TensorRT plans built with build-engines"
        + " --static do; rebuild them without --static to generate at every size",
        g.warnings().get(0));
  }

  @Test
  void aSquarePhotoGetsItsOwnBucketWithoutAWarning() {
    TwoShapesScene scene = TwoShapesScene.landscape().scaledTo(1000, 1000);
    Generation g;
    try (Mask ellipse = Mask.of(scene.width(), scene.height(), scene.ellipseMask())) {
      g = pipeline.generate(scene.image(), ellipse, request(), ProgressListener.NONE,
          () -> false);
    }
    assertEquals(SQUARE, SdxlBuckets.nearest(1000, 1000));
    assertEquals(List.of(1024, 1024), g.variants().get(0).recipe().fields().get("size"));
    assertEquals(List.of(), g.warnings());
  }

  private static InpaintRequest request() {
    return new InpaintRequest(Target.BACKGROUND, "a photo", null, 7.5, 8, 0.99, 42, 1,
        Sampler.EULER, Region.FULL, RepaintShape.DEFAULT, false);
  }
}
