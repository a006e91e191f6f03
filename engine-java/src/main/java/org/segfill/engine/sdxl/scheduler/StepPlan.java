package org.segfill.engine.sdxl.scheduler;

import java.util.Objects;

/**
 * One denoising step of a {@link Schedule}: one UNet call at {@code timestep}, then one sampler
 * update from {@code sigma} to {@code sigmaNext}.
 *
 * @param index position in the full schedule of the requested step count (diffusers' step index;
 *     the first step that runs has the schedule's begin index)
 * @param timestep the UNet's timestep input, float32 as diffusers passes it (fractional for Euler
 *     with "linspace" spacing or Karras sigmas)
 * @param sigma the noise level of the latents going in
 * @param sigmaNext the noise level after the update
 * @param modelInputScale scale_model_input's factor for the 4 latent channels: 1 / sqrt(sigma^2 +
 *     1) for Euler and Euler ancestral, 1 for DPM++
 * @param order 1, or 2 for a DPM++ 2M step that uses the previous x0 prediction
 * @param sigmaDown the deterministic target of the update: sigmaNext, except Euler ancestral's
 *     sqrt(sigmaNext^2 - sigmaUp^2)
 * @param sigmaUp the standard deviation of fresh noise added: 0, except Euler ancestral's
 *     sqrt(sigmaNext^2 (sigma^2 - sigmaNext^2) / sigma^2)
 * @param coefficients the kernel update
 */
public record StepPlan(
    int index,
    float timestep,
    float sigma,
    float sigmaNext,
    float modelInputScale,
    int order,
    float sigmaDown,
    float sigmaUp,
    StepCoefficients coefficients) {

  public StepPlan {
    Objects.requireNonNull(coefficients, "coefficients");
    if (order != 1 && order != 2) {
      throw new IllegalArgumentException("order must be 1 or 2, got " + order);
    }
  }

  /** Whether the update reads the previous step's x0 prediction from the history buffer. */
  public boolean readsHistory() {
    return coefficients.readsHistory();
  }

  /** Whether the update adds fresh Philox noise (then seed and noise stream matter). */
  public boolean drawsNoise() {
    return coefficients.drawsNoise();
  }
}
