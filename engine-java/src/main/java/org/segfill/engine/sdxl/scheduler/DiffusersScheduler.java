package org.segfill.engine.sdxl.scheduler;

/**
 * One diffusers scheduler algorithm as pure functions of its config: the planner asks it for the
 * full schedule, then for each step that runs. diffusers' mutable state (step index, begin index,
 * the DPM++ model-output list and lower-order counter) becomes the {@code index} and {@code
 * beginIndex} arguments.
 */
interface DiffusersScheduler {

  /** The full schedule of {@code steps} steps (diffusers' {@code set_timesteps}). */
  NoiseLevels setTimesteps(int steps);

  /** The initial noise scale when starting from pure noise ({@code init_noise_sigma}). */
  float initNoiseSigma(NoiseLevels levels);

  /** add_noise's coefficients at noise level {@code sigma}. */
  AddNoiseCoefs addNoise(float sigma);

  /** The step at {@code index} of {@code levels}, in a run that starts at {@code beginIndex}. */
  StepPlan step(NoiseLevels levels, int index, int beginIndex);
}
