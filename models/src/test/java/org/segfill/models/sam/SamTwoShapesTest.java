package org.segfill.models.sam;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.segfill.engine.sam.EmbeddingCache;
import org.segfill.engine.sam.SamGraphs;
import org.segfill.engine.sam.SamPredictor;
import org.segfill.engine.sam.SamSegmenter;
import org.segfill.engine.segment.GrabCutSegmenter;
import org.segfill.models.testbundle.TestBundles;
import org.segfill.models.testbundle.TwoShapesScene;

/**
 * Click-to-mask on the two-shapes scenes (1537x913 and 640x1280) with the tiny SAM bundles in
 * every layout (IoU >= 0.9) and with the classic GrabCut segmenter (IoU >= 0.85).
 */
class SamTwoShapesTest {

  static Stream<Arguments> engines() {
    return Stream.of(TwoShapesScene.landscape(), TwoShapesScene.portrait()).flatMap(scene ->
        Stream.of(
            Arguments.of(TestBundles.SAM_ONNX, scene),
            Arguments.of(TestBundles.SAM_HF, scene),
            Arguments.of(TestBundles.SAM_HF_ONNX_DIR, scene),
            Arguments.of("classic", scene)));
  }

  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("engines")
  void everyScenarioSelectsTheRightShape(String engine, TwoShapesScene scene) {
    if (engine.equals("classic")) {
      SegmentationChecks checks = new SegmentationChecks(new GrabCutSegmenter(), 0.85, true);
      report(engine, checks, checks.failures(scene));
      return;
    }
    try (SamGraphs graphs = SamBundlesFixture.open(engine);
        SamPredictor predictor = new SamPredictor(graphs)) {
      SamSegmenter segmenter = new SamSegmenter(predictor, new EmbeddingCache(64 << 20));
      SegmentationChecks checks =
          new SegmentationChecks(segmenter, 0.9, graphs.layout().supportsBox());
      report(engine, checks, checks.failures(scene));
    }
  }

  private static void report(String engine, SegmentationChecks checks, List<String> failures) {
    checks.log().forEach(line -> System.out.println(engine + " " + line));
    assertEquals(List.of(), failures);
  }
}
