package org.segfill.engine.sdxl.scheduler;

import java.util.Arrays;

import org.segfill.engine.sdxl.scheduler.SchedulerConfig.FinalSigmas;
import org.segfill.engine.sdxl.scheduler.SchedulerConfig.TimestepSpacing;
import org.segfill.kernels.LatentKernels;

/**
 * diffusers' {@code EulerDiscreteScheduler} with s_churn = 0 (contract B8): x0 = x - sigma eps,
 * x' = x + (sigmaNext - sigma) eps, the model input divided by sqrt(sigma^2 + 1).
 *
 * <p>Sigmas are the training sigmas interpolated at the spacing's timesteps; with {@code
 * use_karras_sigmas} they are replaced by Karras sigmas between the ends of that interpolated
 * schedule, and the timesteps become the fractional (not rounded) timesteps of those sigmas, as
 * in diffusers (DPM++ rounds them).
 */
final class EulerDiscrete implements DiffusersScheduler {
  private final SchedulerConfig config;
  private final TrainingSigmas training;

  EulerDiscrete(SchedulerConfig config) {
    this.config = config;
    this.training = TrainingSigmas.of(config);
  }

  @Override
  public NoiseLevels setTimesteps(int steps) {
    float[] grid = TimestepGrid.euler(config, steps);
    double[] sigmas = interpolated(training, grid);
    float[] timesteps;
    if (config.useKarrasSigmas()) {
      sigmas = KarrasSigmas.between(sigmas[sigmas.length - 1], sigmas[0], steps);
      timesteps = new float[steps];
      for (int k = 0; k < steps; k++) {
        timesteps[k] = (float) training.timestepOf(sigmas[k]);
      }
    } else {
      timesteps = TimestepGrid.first(grid, steps);
      sigmas = Arrays.copyOf(sigmas, steps);
    }
    float last = config.finalSigmas() == FinalSigmas.SIGMA_MIN ? training.min() : 0f;
    return new NoiseLevels(timesteps, withFinal(sigmas, last));
  }

  @Override
  public float initNoiseSigma(NoiseLevels levels) {
    return initNoiseSigma(config, levels);
  }

  @Override
  public AddNoiseCoefs addNoise(float sigma) {
    return new AddNoiseCoefs(1f, sigma);
  }

  @Override
  public StepPlan step(NoiseLevels levels, int index, int beginIndex) {
    float sigma = levels.sigmas()[index];
    float next = levels.sigmas()[index + 1];
    return new StepPlan(index, levels.timesteps()[index], sigma, next, inputScale(sigma), 1, next,
        0f, StepCoefficients.of(LatentKernels.eulerCoefs(sigma, next)));
  }

  /** np.interp of the training sigmas at each timestep. */
  static double[] interpolated(TrainingSigmas training, float[] timesteps) {
    double[] sigmas = new double[timesteps.length];
    for (int k = 0; k < timesteps.length; k++) {
      sigmas[k] = training.interpolate(timesteps[k]);
    }
    return sigmas;
  }

  /** The schedule's sigmas rounded to float32 as diffusers stores them, then the final one. */
  static float[] withFinal(double[] sigmas, float last) {
    float[] out = new float[sigmas.length + 1];
    for (int k = 0; k < sigmas.length; k++) {
      out[k] = (float) sigmas[k];
    }
    out[sigmas.length] = last;
    return out;
  }

  /**
   * The Euler schedulers' init_noise_sigma: the largest sigma of the full schedule, as
   * sqrt(max^2 + 1) for "leading" spacing (contract B8; D8).
   */
  static float initNoiseSigma(SchedulerConfig config, NoiseLevels levels) {
    double max = 0;
    for (float s : levels.sigmas()) {
      max = Math.max(max, s);
    }
    return config.timestepSpacing() == TimestepSpacing.LEADING
        ? (float) Math.sqrt(max * max + 1) : (float) max;
  }

  /** scale_model_input's 1 / sqrt(sigma^2 + 1). */
  static float inputScale(double sigma) {
    return (float) (1 / Math.sqrt(sigma * sigma + 1));
  }
}
