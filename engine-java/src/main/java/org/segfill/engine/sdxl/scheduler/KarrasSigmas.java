package org.segfill.engine.sdxl.scheduler;

/**
 * Karras et al. (2022) noise levels as diffusers' {@code _convert_to_karras} makes them: rho = 7,
 * sigma_k = (max^(1/rho) + r_k (min^(1/rho) - max^(1/rho)))^rho with r = np.linspace(0, 1, steps),
 * in double, highest first.
 */
final class KarrasSigmas {
  /** The rho of the paper, which diffusers hard-codes. */
  static final double RHO = 7.0;

  private KarrasSigmas() {}

  static double[] between(double sigmaMin, double sigmaMax, int steps) {
    double minInvRho = Math.pow(sigmaMin, 1 / RHO);
    double maxInvRho = Math.pow(sigmaMax, 1 / RHO);
    double[] ramp = TimestepGrid.numpyLinspace(0, 1, steps);
    double[] sigmas = new double[steps];
    for (int k = 0; k < steps; k++) {
      sigmas[k] = Math.pow(maxInvRho + ramp[k] * (minInvRho - maxInvRho), RHO);
    }
    return sigmas;
  }
}
