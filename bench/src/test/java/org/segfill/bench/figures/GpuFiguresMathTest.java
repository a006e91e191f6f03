package org.segfill.bench.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The figures' arithmetic and verdicts on known samples. */
class GpuFiguresMathTest {

  /** Five runs per SDXL series, three per SAM series; the expected values are in the tests. */
  static GpuSamples known() {
    return new GpuSamples(30, 29,
        new double[] {1300, 1000, 1150, 1250, 1100},
        new double[] {1190, 1210, 1180, 1200, 1195},
        new double[] {38.6, 38.4, 38.5, 38.7, 38.5},
        new double[] {40.0, 40.4, 40.1, 40.2, 40.3},
        new double[] {38.2, 38.1, 38.3, 38.2, 38.4},
        new double[] {3.9, 4.2, 3.7},
        new double[] {6.0, 5.5, 7.0});
  }

  private static Map<String, Figure> byId(List<Figure> figures) {
    return figures.stream().collect(Collectors.toMap(Figure::id, Function.identity()));
  }

  @Test
  void percentilesAreNearestRankAndJudgedAgainstTheGoals() {
    Map<String, Figure> f = byId(GpuFigureMath.figures(known(), true, true));

    // Sorted 1000 1100 1150 1250 1300: p50 is the 3rd, p90 the 5th.
    assertEquals(1150, f.get("sdxl.inpaint.p50").value());
    assertEquals(Verdict.WITHIN, f.get("sdxl.inpaint.p50").verdict());
    assertEquals(1300, f.get("sdxl.inpaint.p90").value());
    assertEquals(Verdict.OVER, f.get("sdxl.inpaint.p90").verdict());
    assertEquals(1195, f.get("sdxl.inpaintPreviews.p50").value());
    assertEquals(Verdict.WITHIN, f.get("sdxl.inpaintPreviews.p50").verdict());
    assertEquals(1210, f.get("sdxl.inpaintPreviews.p90").value());
    assertEquals(Verdict.OVER, f.get("sdxl.inpaintPreviews.p90").verdict());
    assertEquals(1200.0, f.get("sdxl.inpaint.p90").goal());

    assertEquals(3.9, f.get("sam.encode.p50").value());
    assertEquals(Verdict.WITHIN, f.get("sam.encode.p50").verdict());
    assertEquals(6.0, f.get("sam.click.p50").value());
    assertEquals(Verdict.NO_GOAL, f.get("sam.click.p50").verdict());
  }

  @Test
  void theStepOutsideTheUnetIsTheLoopsMedianMinusTheUnetsMedian() {
    Map<String, Figure> f = byId(GpuFigureMath.figures(known(), true, true));

    assertEquals(38.5, f.get("sdxl.loopStep.p50").value());
    assertEquals(38.2, f.get("sdxl.unetStep.p50").value());
    assertEquals(0.3, f.get("sdxl.outsideUnet").value(), 1e-9);
    // 100 * 0.3 / 38.5 = 0.779...% of a step: within the 1% goal.
    assertEquals(0.779221, f.get("sdxl.outsideUnet.percent").value(), 1e-6);
    assertEquals(Verdict.WITHIN, f.get("sdxl.outsideUnet.percent").verdict());
    // Previews on: 100 * (40.2 - 38.2) / 40.2 = 4.975%, shown without a goal.
    assertEquals(4.975124, f.get("sdxl.outsideUnetPreviews.percent").value(), 1e-6);
    assertEquals(Verdict.NO_GOAL, f.get("sdxl.outsideUnetPreviews.percent").verdict());
    assertEquals("denoising loop per UNet call, previews off: p50 (29 UNet calls per inpaint)",
        f.get("sdxl.loopStep.p50").label());
  }

  @Test
  void aTestBundlesFiguresAreMeasuredButNotJudged() {
    Map<String, Figure> f = byId(GpuFigureMath.figures(known(), true, false));

    assertEquals(1300, f.get("sdxl.inpaint.p90").value());
    assertEquals(Verdict.NOT_JUDGED, f.get("sdxl.inpaint.p90").verdict());
    assertEquals(Verdict.NOT_JUDGED, f.get("sdxl.outsideUnet.percent").verdict());
    assertEquals(Verdict.NO_GOAL, f.get("sdxl.unetStep.p50").verdict());
    assertEquals(Verdict.WITHIN, f.get("sam.encode.p50").verdict(), "SAM is a real bundle");
  }

  @Test
  void outsidePercentMayBeNegativeButNeedsALoopTime() {
    assertEquals(-2.0, GpuFigureMath.outsidePercent(50, 51), 1e-12);
    assertEquals(25.0, GpuFigureMath.outsidePercent(4, 3), 1e-12);
    assertThrows(IllegalArgumentException.class, () -> GpuFigureMath.outsidePercent(0, 1));
  }

  @Test
  void theGoalItselfIsWithin() {
    assertEquals(Verdict.WITHIN, Verdict.of(1200, 1200.0, true));
    assertEquals(Verdict.OVER, Verdict.of(1200.001, 1200.0, true));
    assertEquals(Verdict.NO_GOAL, Verdict.of(5, null, false));
  }

  @Test
  void planMemoryIsTheDropInFreeMemoryAndTheTotalSpansBothBundles() {
    PlanMemory unet = PlanMemory.of("sdxl", "unet/model.onnx", 9_000, 4_000);
    assertEquals(5_000, unet.bytes());
    DeviceMemory m = DeviceMemory.of(new DeviceMemoryInfo(10_000, 16_000),
        new DeviceMemoryInfo(3_500, 16_000), List.of(unet));
    assertEquals(6_500, m.bundlesBytes());
    assertEquals(16_000, m.totalBytes());
  }

  @Test
  void aSeriesWithoutSamplesIsRefusedByName() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new GpuSamples(30, 29, new double[] {1}, new double[] {1}, new double[] {1},
            new double[] {1}, new double[0], new double[] {1}, new double[] {1}));
    assertEquals("unetStepMs: need at least one sample", e.getMessage());
  }
}
