package org.segfill.engine.sdxl.scheduler;

import org.segfill.engine.sdxl.scheduler.SchedulerConfig.FinalSigmas;
import org.segfill.kernels.LatentKernels;

/**
 * diffusers' {@code DPMSolverMultistepScheduler} as segfill's DPM++ 2M samplers use it
 * (contract part 0 item 6 and B8): algorithm "dpmsolver++", solver_order 2, solver_type
 * "midpoint", lower_order_final true, euler_at_final false, lambda_min_clipped -inf. It works on
 * variance-preserving latents (alpha_t x0 + sigma_t noise, alpha_t = 1 / sqrt(sigma^2 + 1),
 * sigma_t = sigma alpha_t), so init_noise_sigma is 1 and scale_model_input is the identity.
 *
 * <p>Timesteps: its own integer grid (N + 1 points for "leading" and "linspace", the lowest
 * dropped), sigmas interpolated there. With Karras sigmas: rho-7 sigmas between the full training
 * range sigma(0) .. sigma(n - 1), each timestep the rounded log-sigma interpolation of its sigma
 * (duplicates possible near t = 0 for many steps, as in diffusers).
 *
 * <p>Order: the first step that runs is first order (no previous x0 prediction); so is the last
 * step of the full schedule when the final sigma is 0, or when the schedule has fewer than 15
 * steps (lower_order_final). The others are second order.
 */
final class DpmSolverMultistep implements DiffusersScheduler {
  /** lower_order_final applies to schedules shorter than this (diffusers' constant). */
  static final int LOWER_ORDER_FINAL_BELOW = 15;

  private final SchedulerConfig config;
  private final boolean karras;
  private final TrainingSigmas training;

  DpmSolverMultistep(SchedulerConfig config, boolean karras) {
    this.config = config;
    this.karras = karras;
    this.training = TrainingSigmas.of(config);
  }

  @Override
  public NoiseLevels setTimesteps(int steps) {
    float[] timesteps = new float[steps];
    double[] sigmas;
    if (karras) {
      sigmas = KarrasSigmas.between(training.min(), training.max(), steps);
      for (int k = 0; k < steps; k++) {
        timesteps[k] = (float) Math.rint(training.timestepOf(sigmas[k]));
      }
    } else {
      int[] grid = TimestepGrid.first(TimestepGrid.dpmSolver(config, steps), steps);
      sigmas = new double[steps];
      for (int k = 0; k < steps; k++) {
        timesteps[k] = grid[k];
        sigmas[k] = training.interpolate(grid[k]);
      }
    }
    float last = config.finalSigmas() == FinalSigmas.SIGMA_MIN ? training.min() : 0f;
    return new NoiseLevels(timesteps, EulerDiscrete.withFinal(sigmas, last));
  }

  @Override
  public float initNoiseSigma(NoiseLevels levels) {
    return 1f;
  }

  @Override
  public AddNoiseCoefs addNoise(float sigma) {
    double alpha = 1 / Math.sqrt((double) sigma * sigma + 1);
    return new AddNoiseCoefs((float) alpha, (float) (sigma * alpha));
  }

  @Override
  public StepPlan step(NoiseLevels levels, int index, int beginIndex) {
    float[] sigmas = levels.sigmas();
    float sigma = sigmas[index];
    float next = sigmas[index + 1];
    int order = index == beginIndex || lowerOrderFinal(levels, index) ? 1 : 2;
    float[] coefs = order == 1
        ? LatentKernels.dpmpp2mFirstOrderCoefs(sigma, next)
        : LatentKernels.dpmpp2mSecondOrderCoefs(sigmas[index - 1], sigma, next);
    return new StepPlan(index, levels.timesteps()[index], sigma, next, 1f, order, next, 0f,
        StepCoefficients.of(coefs));
  }

  private boolean lowerOrderFinal(NoiseLevels levels, int index) {
    return index == levels.steps() - 1
        && (config.finalSigmas() == FinalSigmas.ZERO
            || levels.steps() < LOWER_ORDER_FINAL_BELOW);
  }
}
