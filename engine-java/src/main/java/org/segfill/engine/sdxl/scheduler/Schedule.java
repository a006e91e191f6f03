package org.segfill.engine.sdxl.scheduler;

import java.util.List;
import java.util.Objects;

/**
 * Everything the denoising loop needs from the scheduler for one request, computed up front: the
 * steps that run after strength truncation (contract B5) and how to start.
 *
 * <pre>{@code
 * Schedule s = Sampler.EULER.plan(SchedulerConfig.sdxlDefaults(), 30, 0.99);
 * // latents = s.startsFromNoise() ? noise * s.initNoiseSigma()
 * //                               : addNoise(imageLatents, noise, s.addNoise().a(), .b())
 * for (StepPlan step : s.denoisingSteps()) {
 *   // unetInput(latents, ..., step.modelInputScale(), ...); UNet at step.timestep();
 *   // samplerStep(..., history, ..., step.coefficients().toArray(), seed, stream)
 * }
 * }</pre>
 *
 * @param sampler the sampler planned
 * @param inferenceSteps the requested step count N (diffusers' num_inference_steps)
 * @param strength the requested strength in (0, 1]
 * @param beginIndex t_start = N - min(int(N * strength), N): the full schedule's steps skipped
 * @param initNoiseSigma the initial noise scale when starting from pure noise: sqrt(sigmaMax^2 +
 *     1) for Euler with "leading" spacing, sigmaMax with the other spacings (sigmaMax of the full
 *     schedule), 1 for DPM++
 * @param addNoise add_noise at the first step that runs, for strength below 1
 * @param denoisingSteps the steps that run, one UNet call each
 */
public record Schedule(
    Sampler sampler,
    int inferenceSteps,
    double strength,
    int beginIndex,
    float initNoiseSigma,
    AddNoiseCoefs addNoise,
    List<StepPlan> denoisingSteps) {

  public Schedule {
    Objects.requireNonNull(sampler, "sampler");
    Objects.requireNonNull(addNoise, "addNoise");
    denoisingSteps = List.copyOf(denoisingSteps);
    if (denoisingSteps.isEmpty()) {
      throw new IllegalArgumentException("a schedule runs at least one step");
    }
  }

  /** The number of UNet calls (each one a CFG batch): N - beginIndex. */
  public int unetCalls() {
    return denoisingSteps.size();
  }

  /** Step k of the run, k in [0, unetCalls). */
  public StepPlan step(int k) {
    return denoisingSteps.get(k);
  }

  /** The UNet timesteps of the steps that run, in order. */
  public float[] timesteps() {
    float[] t = new float[unetCalls()];
    for (int k = 0; k < t.length; k++) {
      t[k] = denoisingSteps.get(k).timestep();
    }
    return t;
  }

  /** The sigmas of the steps that run, then the final sigma: unetCalls + 1 values. */
  public float[] sigmas() {
    float[] s = new float[unetCalls() + 1];
    for (int k = 0; k < unetCalls(); k++) {
      s[k] = denoisingSteps.get(k).sigma();
    }
    s[unetCalls()] = denoisingSteps.get(unetCalls() - 1).sigmaNext();
    return s;
  }

  /**
   * Whether the initial latents are pure noise times {@link #initNoiseSigma} (strength exactly
   * 1, diffusers' is_strength_max) rather than add_noise of the image latents.
   */
  public boolean startsFromNoise() {
    return strength == 1.0;
  }

  /**
   * Whether some step reads the previous x0 prediction: then the loop passes one history buffer
   * to every step's kernel call, which writes each step's x0 prediction into it.
   */
  public boolean needsHistory() {
    return denoisingSteps.stream().anyMatch(StepPlan::readsHistory);
  }
}
