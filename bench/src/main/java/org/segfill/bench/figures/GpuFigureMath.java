package org.segfill.bench.figures;

import java.util.ArrayList;
import java.util.List;
import org.segfill.bench.load.Percentiles;

/**
 * Turns {@link GpuSamples} into the report's figures, each with its goal on an H100 and a
 * verdict: pure arithmetic, no device, so it is tested with known numbers on the CPU.
 *
 * <p>The goals: a whole 1024x1024, 30-step inpaint within {@value #INPAINT_GOAL_MS} ms (NVIDIA's
 * TensorRT demo/Diffusion publishes about 1.47 s for 30 steps at 1024x1024 on an H100); at most
 * {@value #OUTSIDE_UNET_GOAL_PERCENT}% of each denoising step outside the UNet; SAM ViT-B encode
 * within {@value #SAM_ENCODE_GOAL_MS} ms. They hold for an H100 with the real bundles only.
 */
public final class GpuFigureMath {

  /** Whole inpaint, ms, p50 and p90 alike. */
  public static final double INPAINT_GOAL_MS = 1200;
  /** Share of a denoising step spent outside the UNet, %, previews off. */
  public static final double OUTSIDE_UNET_GOAL_PERCENT = 1;
  /** SAM ViT-B encode, ms, p50. */
  public static final double SAM_ENCODE_GOAL_MS = 4;

  private GpuFigureMath() {}

  /**
   * Every figure, in report order: SDXL inpaint, the step outside the UNet, SAM.
   *
   * @param samJudged false when the SAM bundle is a tiny test bundle (no verdict for its goals)
   * @param sdxlJudged the same for the SDXL bundle
   */
  public static List<Figure> figures(GpuSamples s, boolean samJudged, boolean sdxlJudged) {
    List<Figure> f = new ArrayList<>();
    String inpaint = "SDXL inpaint 1024x1024, " + s.steps() + " steps, ";
    f.add(figure("sdxl.inpaint.p50", inpaint + "previews off: p50", p(s.inpaintMs(), 50), "ms",
        INPAINT_GOAL_MS, sdxlJudged));
    f.add(figure("sdxl.inpaint.p90", inpaint + "previews off: p90", p(s.inpaintMs(), 90), "ms",
        INPAINT_GOAL_MS, sdxlJudged));
    f.add(figure("sdxl.inpaintPreviews.p50", inpaint + "previews on: p50",
        p(s.inpaintPreviewsMs(), 50), "ms", INPAINT_GOAL_MS, sdxlJudged));
    f.add(figure("sdxl.inpaintPreviews.p90", inpaint + "previews on: p90",
        p(s.inpaintPreviewsMs(), 90), "ms", INPAINT_GOAL_MS, sdxlJudged));

    double loop = p(s.loopStepMs(), 50);
    double unet = p(s.unetStepMs(), 50);
    double loopPreviews = p(s.loopStepPreviewsMs(), 50);
    String calls = " (" + s.unetCalls() + " UNet calls per inpaint)";
    f.add(figure("sdxl.loopStep.p50", "denoising loop per UNet call, previews off: p50" + calls,
        loop, "ms", null, sdxlJudged));
    f.add(figure("sdxl.unetStep.p50", "UNet alone per call, same shapes: p50", unet, "ms", null,
        sdxlJudged));
    f.add(figure("sdxl.outsideUnet", "outside the UNet per step, previews off (loop - UNet)",
        loop - unet, "ms", null, sdxlJudged));
    f.add(figure("sdxl.outsideUnet.percent", "outside the UNet, share of a step, previews off",
        outsidePercent(loop, unet), "%", OUTSIDE_UNET_GOAL_PERCENT, sdxlJudged));
    f.add(figure("sdxl.outsideUnetPreviews.percent",
        "outside the UNet, share of a step, previews on", outsidePercent(loopPreviews, unet),
        "%", null, sdxlJudged));

    f.add(figure("sam.encode.p50", "SAM encode (1024x768 photo): p50", p(s.samEncodeMs(), 50),
        "ms", SAM_ENCODE_GOAL_MS, samJudged));
    f.add(figure("sam.click.p50", "SAM click (cached embedding): p50", p(s.samClickMs(), 50),
        "ms", null, samJudged));
    return List.copyOf(f);
  }

  /** The nearest-rank {@code percentile} of {@code ms} (a value that was measured). */
  public static double p(double[] ms, double percentile) {
    return new Percentiles(ms).at(percentile);
  }

  /**
   * The share of a loop step not spent in the UNet, in %: 100 · (loop - UNet) / loop. Negative
   * when the loop's step measured faster than the UNet alone (noise, at the same shapes).
   *
   * @throws IllegalArgumentException unless {@code loopStepMs} is positive
   */
  public static double outsidePercent(double loopStepMs, double unetStepMs) {
    if (!(loopStepMs > 0)) {
      throw new IllegalArgumentException("loopStepMs: must be > 0, got " + loopStepMs);
    }
    return 100 * (loopStepMs - unetStepMs) / loopStepMs;
  }

  private static Figure figure(String id, String label, double value, String unit, Double goal,
      boolean judged) {
    return new Figure(id, label, value, unit, goal, Verdict.of(value, goal, judged));
  }
}
