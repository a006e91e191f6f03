package org.segfill.models.engines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segfill.engine.backend.Session;
import org.segfill.engine.backend.TensorSpec;
import org.segfill.engine.backend.ort.OrtBackend;
import org.segfill.engine.backend.tensorrt.InputShapes;
import org.segfill.engine.sam.SamLayout;
import org.segfill.engine.sdxl.InpaintRequest;
import org.segfill.engine.sdxl.SdxlBuckets;
import org.segfill.models.bundle.SamBundle;
import org.segfill.models.testbundle.TestBundles;

/**
 * The profile table against the graphs themselves (every entry names an input of the tiny
 * bundles' ONNX files with its rank, every input with a dynamic axis has an entry) and against
 * what the pipelines run: every bucket at every batch fits a profile, and no profile reaches
 * beyond the pipeline's largest batch or 1.25 times the largest bucket's area.
 */
class EngineProfilesTest {

  /** Largest profile box over the largest bucket's area, as a fraction: 5/4. */
  private static final long BOUND_NUM = 5;
  private static final long BOUND_DEN = 4;
  private static final int UNET = 2;
  private static final int VAE_ENCODER = 3;
  private static final int VAE_DECODER = 4;

  @TempDir static Path root;
  static Path sam;
  static Path sdxl;

  @BeforeAll
  static void writeBundles() throws IOException {
    sam = TestBundles.writeSam(root.resolve("sam"));
    sdxl = TestBundles.writeSdxl(root.resolve("sdxl"));
  }

  @Test
  void theTableFitsTheSamOnnxGraphs() {
    SamBundle bundle = SamBundle.locate(sam.resolve(TestBundles.SAM_ONNX));
    checkAgainstGraphs(List.of(bundle.encoder(), bundle.decoder()),
        EngineProfiles.sam(SamLayout.SAM_ONNX));
  }

  @Test
  void theTableFitsTheHfSamGraphs() {
    SamBundle bundle = SamBundle.locate(sam.resolve(TestBundles.SAM_HF));
    checkAgainstGraphs(List.of(bundle.encoder(), bundle.decoder()),
        EngineProfiles.sam(SamLayout.HF));
  }

  @Test
  void theBandedAndTheStaticTablesFitTheSdxlGraphs() {
    for (List<GraphPlan> plans : List.of(EngineProfiles.sdxl(false),
        EngineProfiles.sdxl(true, List.of(SizeBand.fixed(new SdxlBuckets.Size(1216, 832)))))) {
      List<Path> files = new ArrayList<>();
      for (GraphPlan p : plans) {
        files.add(sdxl.resolve(p.source()));
      }
      checkAgainstGraphs(files, plans);
    }
  }

  @Test
  void theSamRangesAreWhatThePipelineSends() {
    GraphPlan encoder = EngineProfiles.sam(SamLayout.SAM_ONNX).get(0);
    InputShapes image = encoder.shapes(0, "image");
    assertArrayEquals(new long[] {1, 3, 1024, 1024}, image.min());
    assertArrayEquals(image.min(), image.max());
    // sam-onnx: 64 clicks and two box corners; hf: 64 clicks (the graph adds the pad point).
    InputShapes points = EngineProfiles.sam(SamLayout.SAM_ONNX).get(1).shapes(0, "point_coords");
    assertArrayEquals(new long[] {1, 1, 2}, points.min());
    assertArrayEquals(new long[] {1, 66, 2}, points.max());
    InputShapes hf = EngineProfiles.sam(SamLayout.HF).get(1).shapes(0, "input_points");
    assertArrayEquals(new long[] {1, 1, 64, 2}, hf.max());
  }

  @Test
  void theFiveBandsAreSizedToTheirBuckets() {
    List<String> table = new ArrayList<>();
    for (SizeBand band : BucketBands.all()) {
      long held = SdxlBuckets.all().stream().filter(band::admits).count();
      table.add(band.name() + " " + band.maxPixels() + " opt " + band.opt() + " holds " + held);
    }
    assertEquals(List.of(
        "wide 2048x640 opt 1536x640 holds 15",
        "landscape 1600x896 opt 1280x832 holds 16",
        "square 1152x1152 opt 1024x1024 holds 13",
        "portrait 896x1600 opt 832x1280 holds 16",
        "tall 640x2048 opt 640x1536 holds 15"), table);
    assertEquals(1280L * 896, BucketBands.largestBucketArea());
    // The square box also holds 1152x896 and 896x1152 of the bands beside it (15 + 16 + 11 +
    // 16 + 15 = 73 buckets by aspect); the runtime takes the first profile that fits.
    long both = SdxlBuckets.all().stream()
        .filter(b -> BucketBands.all().stream().filter(band -> band.admits(b)).count() > 1)
        .count();
    assertEquals(2, both);
  }

  @Test
  void everyBucketAtEveryBatchThePipelineRunsFitsAProfile() {
    List<GraphPlan> plans = EngineProfiles.sdxl(true);
    long hidden = 2048;
    for (SdxlBuckets.Size b : SdxlBuckets.all()) {
      long h = b.latentHeight();
      long w = b.latentWidth();
      for (int count = 1; count <= InpaintRequest.MAX_COUNT; count++) {
        for (int copies = 1; copies <= 2; copies++) {
          long n = (long) count * copies;
          assertFits(plans.get(UNET), b + " UNet batch " + n, Map.of(
              "sample", new long[] {n, 9, h, w},
              "encoder_hidden_states", new long[] {n, 77, hidden},
              "text_embeds", new long[] {n, 1280},
              "time_ids", new long[] {n, 6}));
        }
      }
      // One variant per decoder run (VaeCodec.decode).
      assertFits(plans.get(VAE_DECODER), b + " VAE decoder",
          Map.of("latent_sample", new long[] {1, 4, h, w}));
      assertFits(plans.get(VAE_ENCODER), b + " VAE encoder",
          Map.of("sample", new long[] {1, 3, b.height(), b.width()}));
    }
    for (int k = 0; k < 2; k++) {
      assertFits(plans.get(k), "text encoder " + k, Map.of("input_ids", new long[] {1, 77}));
    }
  }

  @Test
  void noProfileReachesBeyondWhatThePipelineRuns() {
    long largest = BucketBands.largestBucketArea();
    List<GraphPlan> plans = EngineProfiles.sdxl(true);
    Map<String, Long> maxBatch = new LinkedHashMap<>();
    maxBatch.put("text_encoder.plan", 1L);
    maxBatch.put("text_encoder_2.plan", 1L);
    maxBatch.put("unet.plan", 2L * InpaintRequest.MAX_COUNT);
    maxBatch.put("vae_encoder.plan", 1L);
    maxBatch.put("vae_decoder.plan", 1L);
    assertEquals(List.copyOf(maxBatch.keySet()), plans.stream().map(GraphPlan::plan).toList());
    for (GraphPlan plan : plans) {
      for (int k = 0; k < plan.profiles().size(); k++) {
        for (InputShapes s : plan.profiles().get(k)) {
          assertEquals(maxBatch.get(plan.plan()), s.max()[0], plan.plan() + " " + s);
          assertEquals(1, s.min()[0], plan.plan() + " " + s);
        }
        SdxlBuckets.Size box = plan.maxImage(k);
        String name = plan.profileNames().get(k);
        if (box != null) {
          assertTrue(BOUND_DEN * box.area() <= BOUND_NUM * largest, () -> plan.plan()
              + " profile " + name + ": " + box + " is over 1.25 x " + largest);
        }
      }
    }
  }

  @Test
  void aStaticSizeFixesTheImageAxesAndKeepsTheBatchRanges() {
    List<GraphPlan> plans = EngineProfiles.sdxl(false,
        List.of(SizeBand.fixed(new SdxlBuckets.Size(1024, 1024))));
    for (GraphPlan plan : plans.subList(UNET, plans.size())) {
      assertEquals(List.of("static 1024x1024"), plan.profileNames(), plan.plan());
    }
    InputShapes sample = plans.get(UNET).shapes(0, "sample");
    assertArrayEquals(new long[] {1, 9, 128, 128}, sample.min());
    assertArrayEquals(new long[] {6, 9, 128, 128}, sample.opt());
    assertArrayEquals(new long[] {8, 9, 128, 128}, sample.max());
    assertArrayEquals(new long[] {1, 3, 1024, 1024}, plans.get(VAE_ENCODER).shapes(0, "sample")
        .max());
    InputShapes latents = plans.get(VAE_DECODER).shapes(0, "latent_sample");
    assertArrayEquals(new long[] {1, 4, 128, 128}, latents.min());
    assertArrayEquals(new long[] {1, 4, 128, 128}, latents.max());
    assertEquals(1, SdxlBuckets.all().stream().filter(b -> plans.get(UNET).admits(0, b)).count());
  }

  @Test
  void theVaeIsFp32UnlessFp16Safe() {
    assertEquals(List.of(true, true, true, false, false),
        EngineProfiles.sdxl(false).stream().map(GraphPlan::fp16).toList());
    assertEquals(List.of(true, true, true, true, true),
        EngineProfiles.sdxl(true).stream().map(GraphPlan::fp16).toList());
  }

  // Some profile of `plan` admits every input's shape at once, as TrtSession looks for one.
  private static void assertFits(GraphPlan plan, String what, Map<String, long[]> shapes) {
    boolean fits = false;
    for (int k = 0; k < plan.profiles().size() && !fits; k++) {
      fits = true;
      for (Map.Entry<String, long[]> e : shapes.entrySet()) {
        InputShapes s = plan.shapes(k, e.getKey());
        fits &= s != null && s.range().violation(e.getValue()).isEmpty();
      }
    }
    assertTrue(fits, what + " fits no profile of " + plan.plan());
  }

  private static void checkAgainstGraphs(List<Path> files, List<GraphPlan> plans) {
    assertEquals(files.size(), plans.size());
    OrtBackend ort = new OrtBackend(1);
    for (int i = 0; i < files.size(); i++) {
      GraphPlan plan = plans.get(i);
      try (Session s = ort.open(files.get(i))) {
        List<String> problems = ProfileCheck.problems(plan, s.inputs(),
            s.outputs().stream().map(TensorSpec::name).toList());
        assertEquals(List.of(), problems, plan.source());
      }
    }
  }
}
