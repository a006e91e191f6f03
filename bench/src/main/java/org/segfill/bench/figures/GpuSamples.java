package org.segfill.bench.figures;

/**
 * What one figures run measured on the GPU, in milliseconds, one value per timed run (warm-ups
 * dropped). {@link GpuFigureMath} turns it into figures; report.json keeps it as measured.
 *
 * @param steps denoising steps requested per inpaint
 * @param unetCalls UNet calls per inpaint (the schedule's for {@code steps} at the default
 *     strength; one call runs both CFG halves as a batch of 2)
 * @param inpaintMs whole 1024x1024 generations, one variant, previews off
 * @param inpaintPreviewsMs the same with a preview computed at every step
 * @param loopStepMs each of those generations' denoising loop divided by its UNet calls
 * @param loopStepPreviewsMs the same for the generations with previews
 * @param unetStepMs the UNet alone per call at the loop's shapes, each the mean of one batch of
 *     {@code unetCalls} calls
 * @param samEncodeMs SAM pre-processing and image encoder on a 1024x768 photo
 * @param samClickMs one SAM click on the cached embedding, every candidate to full size
 */
public record GpuSamples(int steps, int unetCalls, double[] inpaintMs,
    double[] inpaintPreviewsMs, double[] loopStepMs, double[] loopStepPreviewsMs,
    double[] unetStepMs, double[] samEncodeMs, double[] samClickMs) {

  /** Checks every series has a sample, so each figure is defined; copies the arrays. */
  public GpuSamples {
    if (steps < 1 || unetCalls < 1) {
      throw new IllegalArgumentException("steps, unetCalls: must be >= 1, got " + steps + ", "
          + unetCalls);
    }
    inpaintMs = nonEmpty("inpaintMs", inpaintMs);
    inpaintPreviewsMs = nonEmpty("inpaintPreviewsMs", inpaintPreviewsMs);
    loopStepMs = nonEmpty("loopStepMs", loopStepMs);
    loopStepPreviewsMs = nonEmpty("loopStepPreviewsMs", loopStepPreviewsMs);
    unetStepMs = nonEmpty("unetStepMs", unetStepMs);
    samEncodeMs = nonEmpty("samEncodeMs", samEncodeMs);
    samClickMs = nonEmpty("samClickMs", samClickMs);
  }

  private static double[] nonEmpty(String name, double[] values) {
    if (values == null || values.length == 0) {
      throw new IllegalArgumentException(name + ": need at least one sample");
    }
    return values.clone();
  }
}
