package org.segfill.engine.sdxl.scheduler;

import org.segfill.kernels.LatentKernels;

/**
 * diffusers' {@code EulerAncestralDiscreteScheduler} (contract B8): from sigma to sigmaNext it
 * steps deterministically down to sigmaDown and adds fresh noise of standard deviation sigmaUp,
 * sigmaUp = sqrt(sigmaNext^2 (sigma^2 - sigmaNext^2) / sigma^2), sigmaDown = sqrt(sigmaNext^2 -
 * sigmaUp^2). Every step but the last (sigmaNext = 0, so sigmaUp = 0) draws noise.
 *
 * <p>The schedule is Euler's without its options: diffusers' ancestral scheduler has no Karras
 * sigmas and always ends at sigma 0, so {@code use_karras_sigmas} and {@code final_sigmas_type}
 * are ignored here, as {@code from_config} ignores them.
 */
final class EulerAncestral implements DiffusersScheduler {
  private final SchedulerConfig config;
  private final TrainingSigmas training;

  EulerAncestral(SchedulerConfig config) {
    this.config = config;
    this.training = TrainingSigmas.of(config);
  }

  @Override
  public NoiseLevels setTimesteps(int steps) {
    float[] timesteps = TimestepGrid.first(TimestepGrid.euler(config, steps), steps);
    return new NoiseLevels(timesteps,
        EulerDiscrete.withFinal(EulerDiscrete.interpolated(training, timesteps), 0f));
  }

  @Override
  public float initNoiseSigma(NoiseLevels levels) {
    return EulerDiscrete.initNoiseSigma(config, levels);
  }

  @Override
  public AddNoiseCoefs addNoise(float sigma) {
    return new AddNoiseCoefs(1f, sigma);
  }

  @Override
  public StepPlan step(NoiseLevels levels, int index, int beginIndex) {
    double from = levels.sigmas()[index];
    double to = levels.sigmas()[index + 1];
    double up = Math.sqrt(to * to * (from * from - to * to) / (from * from));
    double down = Math.sqrt(Math.max(0, to * to - up * up));
    return new StepPlan(index, levels.timesteps()[index], (float) from, (float) to,
        EulerDiscrete.inputScale(from), 1, (float) down, (float) up,
        StepCoefficients.of(LatentKernels.eulerAncestralCoefs(from, to)));
  }
}
