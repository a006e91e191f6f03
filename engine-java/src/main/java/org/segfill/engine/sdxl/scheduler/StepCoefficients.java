package org.segfill.engine.sdxl.scheduler;

import org.segfill.kernels.LatentKernels;

/**
 * The coefficients of one fused sampler update, {@code LatentKernels.samplerStep} (see
 * {@code segfill/latent.h}): with eps the guided model output, x the latents, m1 the previous x0
 * prediction and z a Philox normal,
 * <pre>{@code
 * m0 = p x + q eps                        (x0 prediction, kept as the next step's m1)
 * x' = a x + b m0 + c m1 + d eps + e z
 * }</pre>
 * Euler: a = 1, d = sigmaNext - sigma. Euler ancestral: a = 1, d = sigmaDown - sigma, e = sigmaUp.
 * DPM++ 2M: p, q, a, b and (second order) c.
 */
public record StepCoefficients(float p, float q, float a, float b, float c, float d, float e) {

  /** From the kernel's array order {P, Q, A, B, C, D, E}. */
  public static StepCoefficients of(float[] coef) {
    if (coef.length != LatentKernels.STEP_COEFS) {
      throw new IllegalArgumentException("coef must have " + LatentKernels.STEP_COEFS
          + " values {P, Q, A, B, C, D, E}, got " + coef.length);
    }
    return new StepCoefficients(coef[0], coef[1], coef[2], coef[3], coef[4], coef[5], coef[6]);
  }

  /** A fresh array {P, Q, A, B, C, D, E} for {@code LatentKernels.samplerStep}. */
  public float[] toArray() {
    return new float[] {p, q, a, b, c, d, e};
  }

  /** Whether the update reads the previous x0 prediction (DPM++ 2M second order). */
  public boolean readsHistory() {
    return c != 0;
  }

  /** Whether the update adds fresh noise (Euler ancestral before the last step). */
  public boolean drawsNoise() {
    return e != 0;
  }
}
