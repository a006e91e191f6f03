package org.segfill.models.sdxl;

/**
 * The Euler discrete schedule of model contract B5 and B8 for the SDXL scheduler config
 * (scaled_linear betas 0.00085..0.012 over 1000 steps, "leading" spacing, steps_offset 1), in
 * float64 straight from the contract's formulas. It shares no code with the engine's scheduler,
 * so the two can be checked against each other; they differ by float32 rounding.
 *
 * @param timesteps the UNet timesteps of the steps that run, after strength truncation
 * @param sigmas the sigma of each step that runs, then the final 0
 * @param initNoiseSigma sqrt(max sigma of the full schedule^2 + 1)
 */
public record EulerReference(int[] timesteps, double[] sigmas, double initNoiseSigma) {

  private static final int TRAIN_STEPS = 1000;
  private static final double BETA_START = 0.00085;
  private static final double BETA_END = 0.012;
  private static final int STEPS_OFFSET = 1;

  /** The steps diffusers runs for {@code steps} inference steps at {@code strength}. */
  public static EulerReference of(int steps, double strength) {
    double[] train = trainingSigmas();
    int ratio = TRAIN_STEPS / steps;
    int[] all = new int[steps];
    for (int i = 0; i < steps; i++) {
      all[i] = (steps - 1 - i) * ratio + STEPS_OFFSET;
    }
    int init = Math.min((int) (steps * strength), steps);
    int start = Math.max(steps - init, 0);
    int[] run = new int[steps - start];
    double[] sigmas = new double[run.length + 1];
    for (int k = 0; k < run.length; k++) {
      run[k] = all[start + k];
      sigmas[k] = train[run[k]];
    }
    double max = train[all[0]];
    return new EulerReference(run, sigmas, Math.sqrt(max * max + 1));
  }

  /** The number of UNet calls. */
  public int calls() {
    return timesteps.length;
  }

  /** scale_model_input's factor at step k: 1 / sqrt(sigma_k^2 + 1). */
  public double inputScale(int k) {
    return 1 / Math.sqrt(sigmas[k] * sigmas[k] + 1);
  }

  // sigma(t) = sqrt((1 - abar_t) / abar_t), betas = linspace(sqrt(start), sqrt(end), 1000)^2.
  private static double[] trainingSigmas() {
    double[] sigmas = new double[TRAIN_STEPS];
    double from = Math.sqrt(BETA_START);
    double to = Math.sqrt(BETA_END);
    double alphaBar = 1;
    for (int t = 0; t < TRAIN_STEPS; t++) {
      double root = from + (to - from) * t / (TRAIN_STEPS - 1);
      alphaBar *= 1 - root * root;
      sigmas[t] = Math.sqrt((1 - alphaBar) / alphaBar);
    }
    return sigmas;
  }
}
