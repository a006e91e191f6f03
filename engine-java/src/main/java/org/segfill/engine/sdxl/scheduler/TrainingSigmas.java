package org.segfill.engine.sdxl.scheduler;

/**
 * The training noise levels sigma(t) = sqrt((1 - alphaBar_t) / alphaBar_t), t = 0 ..
 * num_train_timesteps - 1, with the interpolations diffusers reads them through.
 *
 * <p>Built the way diffusers builds them on the CPU, because the float32 rounding shifts sigma by
 * up to 1.3e-5 relative against a double computation (SDXL: sigma(0) is 0.029167533 in float32,
 * 0.029167158 in double): betas by torch's float32 linspace (then squared in float32 for
 * scaled_linear), alphas = 1 - beta in float32, alphaBar as torch's CPU cumprod does it
 * (accumulated in double, each prefix rounded to float32), sigma in float32. torch's vectorised
 * linspace may round a beta one ulp differently; that moves sigma by about 1e-7.
 */
final class TrainingSigmas {
  private final float[] sigmas;
  /** np.log of the float32 table is float32. */
  private final float[] logSigmas;

  private TrainingSigmas(float[] sigmas) {
    this.sigmas = sigmas;
    this.logSigmas = new float[sigmas.length];
    for (int t = 0; t < sigmas.length; t++) {
      logSigmas[t] = (float) Math.log(sigmas[t]);
    }
  }

  static TrainingSigmas of(SchedulerConfig config) {
    float[] betas = betas(config);
    float[] sigmas = new float[betas.length];
    double alphaBar = 1;
    for (int t = 0; t < betas.length; t++) {
      alphaBar *= 1f - betas[t];
      float a = (float) alphaBar;
      sigmas[t] = (float) Math.sqrt((1f - a) / a);
    }
    return new TrainingSigmas(sigmas);
  }

  private static float[] betas(SchedulerConfig config) {
    int n = config.numTrainTimesteps();
    return switch (config.betaSchedule()) {
      case LINEAR -> torchLinspace((float) config.betaStart(), (float) config.betaEnd(), n);
      case SCALED_LINEAR -> {
        float[] roots = torchLinspace(
            (float) Math.sqrt(config.betaStart()), (float) Math.sqrt(config.betaEnd()), n);
        for (int i = 0; i < n; i++) {
          roots[i] *= roots[i];
        }
        yield roots;
      }
    };
  }

  /** torch.linspace for float32: the first half counts up from start, the rest down from end. */
  private static float[] torchLinspace(float start, float end, int steps) {
    float step = (end - start) / (steps - 1);
    int halfway = steps / 2;
    float[] out = new float[steps];
    for (int i = 0; i < steps; i++) {
      out[i] = i < halfway ? start + step * i : end - step * (steps - i - 1);
    }
    return out;
  }

  int size() {
    return sigmas.length;
  }

  /** sigma(t) for a training timestep. */
  float sigma(int t) {
    return sigmas[t];
  }

  /** The smallest training sigma, sigma(0). */
  float min() {
    return sigmas[0];
  }

  /** The largest training sigma, sigma(num_train_timesteps - 1). */
  float max() {
    return sigmas[sigmas.length - 1];
  }

  /**
   * np.interp(t, arange(n), sigmas): linear between neighbouring timesteps, in double, exact at
   * integers, clamped to the ends.
   */
  double interpolate(double t) {
    int last = sigmas.length - 1;
    if (t <= 0) {
      return sigmas[0];
    }
    if (t >= last) {
      return sigmas[last];
    }
    int j = (int) Math.floor(t);
    if (j == t) {
      return sigmas[j];
    }
    double slope = (double) sigmas[j + 1] - sigmas[j];
    return slope * (t - j) + sigmas[j];
  }

  /**
   * diffusers' {@code _sigma_to_t}: the fractional timestep whose sigma is {@code sigma},
   * interpolating linearly in log sigma between the neighbouring training steps and clamped to
   * [0, n - 1]. The log-table difference is float32 as in numpy, the rest double.
   */
  double timestepOf(double sigma) {
    double logSigma = Math.log(Math.max(sigma, 1e-10));
    int low = 0;
    for (int t = 0; t < logSigmas.length; t++) {
      if (logSigma - logSigmas[t] >= 0) {
        low = t;
      }
    }
    low = Math.min(low, logSigmas.length - 2);
    float lowLog = logSigmas[low];
    float span = lowLog - logSigmas[low + 1];
    double w = Math.min(Math.max((lowLog - logSigma) / span, 0), 1);
    return (1 - w) * low + w * (low + 1);
  }
}
