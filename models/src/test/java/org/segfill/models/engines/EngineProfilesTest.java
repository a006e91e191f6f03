package org.segfill.models.engines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segfill.engine.backend.Session;
import org.segfill.engine.backend.TensorSpec;
import org.segfill.engine.backend.ort.OrtBackend;
import org.segfill.engine.backend.tensorrt.InputShapes;
import org.segfill.engine.sam.SamLayout;
import org.segfill.models.bundle.SamBundle;
import org.segfill.models.testbundle.TestBundles;

/**
 * The profile table against the graphs themselves: every entry names an input of the tiny
 * bundles' ONNX files with its rank, every input with a dynamic axis has an entry, and the
 * ranges are the ones issue #6 lists.
 */
class EngineProfilesTest {

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
  void theTableFitsTheSdxlGraphs() {
    List<GraphPlan> plans = EngineProfiles.sdxl(false);
    List<Path> files = new ArrayList<>();
    for (GraphPlan p : plans) {
      files.add(sdxl.resolve(p.source()));
    }
    checkAgainstGraphs(files, plans);
  }

  @Test
  void theRangesAreTheOnesTheIssueLists() {
    GraphPlan encoder = EngineProfiles.sam(SamLayout.SAM_ONNX).get(0);
    InputShapes image = encoder.shapes(0, "image");
    assertArrayEquals(new long[] {1, 3, 1024, 1024}, image.min());
    assertArrayEquals(image.min(), image.max());
    InputShapes points = EngineProfiles.sam(SamLayout.SAM_ONNX).get(1).shapes(0, "point_coords");
    assertArrayEquals(new long[] {1, 1, 2}, points.min());
    assertArrayEquals(new long[] {1, 66, 2}, points.max());
    List<GraphPlan> sdxlPlans = EngineProfiles.sdxl(false);
    InputShapes ids = sdxlPlans.get(0).shapes(0, "input_ids");
    assertArrayEquals(new long[] {1, 77}, ids.min());
    assertArrayEquals(new long[] {8, 77}, ids.max());
    InputShapes sample = sdxlPlans.get(2).shapes(0, "sample");
    assertArrayEquals(new long[] {1, 9, 64, 64}, sample.min());
    assertArrayEquals(new long[] {2, 9, 128, 128}, sample.opt());
    assertArrayEquals(new long[] {8, 9, 256, 256}, sample.max());
    InputShapes pixels = sdxlPlans.get(3).shapes(0, "sample");
    assertArrayEquals(new long[] {1, 3, 512, 512}, pixels.min());
    assertArrayEquals(new long[] {8, 3, 2048, 2048}, pixels.max());
    // Every SDXL bucket's latent sides lie in the UNet's range.
    for (var bucket : org.segfill.engine.sdxl.SdxlBuckets.all()) {
      long lw = bucket.width() / 8;
      long lh = bucket.height() / 8;
      assertTrue(sample.range().violation(new long[] {2, 9, lh, lw}).isEmpty(), bucket::toString);
    }
  }

  @Test
  void theVaeIsFp32UnlessFp16Safe() {
    assertEquals(List.of(true, true, true, false, false),
        EngineProfiles.sdxl(false).stream().map(GraphPlan::fp16).toList());
    assertEquals(List.of(true, true, true, true, true),
        EngineProfiles.sdxl(true).stream().map(GraphPlan::fp16).toList());
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
