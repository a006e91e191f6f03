package org.segfill.engine.sdxl;

import org.segfill.engine.image.RgbImage;
import org.segfill.engine.sdxl.scheduler.StepPlan;

/**
 * The preview of one denoising step: the first variant's x0 prediction, with CFG applied as the
 * sampler kernel applies it, projected to RGB at the latent resolution. The loop calls it with
 * the latents before the step's update and the UNet's output for that variant.
 */
final class StepPreview {

  private StepPreview() {}

  /**
   * @param x the first variant's latents before the update [n]
   * @param eps the UNet's output for it [n] (the unconditional one with CFG)
   * @param cond the conditional output [n] with CFG, else null
   */
  static RgbImage of(float[] x, float[] eps, float[] cond,
      StepPlan step, float guidance, int h, int w) {
    int n = x.length;
    // DPM++ states its x0 prediction as P x + Q eps; Euler's is x - sigma eps (P = Q = 0 there).
    float p = step.coefficients().p();
    float q = step.coefficients().q();
    boolean explicit = p != 0 || q != 0;
    float sigma = step.sigma();
    float[] x0 = new float[n];
    for (int i = 0; i < n; i++) {
      float e = cond != null ? eps[i] + guidance * (cond[i] - eps[i]) : eps[i];
      x0[i] = explicit ? p * x[i] + q * e : x[i] - sigma * e;
    }
    return LatentPreview.project(x0, 0, h, w);
  }
}
