package org.segfill.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.segfill.kernels.MaskBinaryOpsTest.assertMessage;

import java.util.Random;
import org.bytedeco.javacpp.FloatPointer;
import org.junit.jupiter.api.Test;

/**
 * The LatentKernels coefficient helpers, run through the CPU-twin sampler step, against a direct
 * double-precision implementation of diffusers' formulas (contract B8). Tolerance: max abs error
 * <= 2e-5 * (1 + max |reference|), i.e. float rounding of the coefficients and of the step.
 */
class SamplerCoefsTest {
  private static final int N = 4 * 17 * 9 + 1;
  private final LatentKernels kernels = new LatentKernels(KernelTarget.cpu());

  private static double[] gaussian(Random random, int n, double scale) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = random.nextGaussian() * scale;
    }
    return v;
  }

  private static float[] toFloat(double[] v) {
    float[] f = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      f[i] = (float) v[i];
    }
    return f;
  }

  private static double[] toDouble(float[] v) {
    double[] d = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      d[i] = v[i];
    }
    return d;
  }

  /** One kernel step with cfg off; eps and x are rounded to float first. */
  private void kernelStep(float[] x, double[] eps, FloatPointer history, float[] coef, long seed) {
    try (FloatPointer mo = new FloatPointer(toFloat(eps)); FloatPointer lat = new FloatPointer(x)) {
      kernels.samplerStep(mo, lat, history, 1, x.length, false, 1f, coef, seed, 3);
      lat.get(x);
    }
  }

  private static void assertClose(double[] expected, float[] actual, String what) {
    double maxRef = 0;
    double maxErr = 0;
    for (int i = 0; i < expected.length; i++) {
      maxRef = Math.max(maxRef, Math.abs(expected[i]));
      maxErr = Math.max(maxErr, Math.abs(expected[i] - actual[i]));
    }
    assertTrue(maxErr <= 2e-5 * (1 + maxRef), what + ": max abs error " + maxErr + " vs " + maxRef);
  }

  @Test
  void eulerFollowsDiffusers() {
    double[] sigmas = {14.6146, 11.6758, 7.3, 2.1, 0.0292, 0};
    Random random = new Random(21);
    double[] x = gaussian(random, N, sigmas[0]);
    float[] xf = toFloat(x);
    x = toDouble(xf);
    for (int s = 0; s + 1 < sigmas.length; s++) {
      double[] eps = toDouble(toFloat(gaussian(random, N, 1)));
      double sigma = sigmas[s];
      for (int i = 0; i < N; i++) {
        double x0 = x[i] - sigma * eps[i];
        double d = (x[i] - x0) / sigma;
        x[i] = x[i] + d * (sigmas[s + 1] - sigma);
      }
      kernelStep(xf, eps, null, LatentKernels.eulerCoefs(sigma, sigmas[s + 1]), 0);
      assertClose(x, xf, "euler step " + s);
    }
  }

  @Test
  void eulerAncestralFollowsDiffusers() {
    double[] sigmas = {14.6146, 11.6758, 7.3, 2.1, 0.0292, 0};
    Random random = new Random(22);
    double[] x = toDouble(toFloat(gaussian(random, N, sigmas[0])));
    float[] xf = toFloat(x);
    for (int s = 0; s + 1 < sigmas.length; s++) {
      double[] eps = toDouble(toFloat(gaussian(random, N, 1)));
      double from = sigmas[s];
      double to = sigmas[s + 1];
      double up = Math.sqrt(to * to * (from * from - to * to) / (from * from));
      double down = Math.sqrt(to * to - up * up);
      long seed = 1000 + s;
      float[] z = PhiloxTwin.randn(1, N, seed, 3);
      for (int i = 0; i < N; i++) {
        double x0 = x[i] - from * eps[i];
        double d = (x[i] - x0) / from;
        x[i] = x[i] + d * (down - from) + z[i] * up;
      }
      float[] coef = LatentKernels.eulerAncestralCoefs(from, to);
      assertEquals((float) up, coef[6], 1e-6f * (1 + up), "sigma_up");
      kernelStep(xf, eps, null, coef, seed);
      assertClose(x, xf, "ancestral step " + s);
    }
  }

  @Test
  void dpmpp2mFollowsDiffusers() {
    // First order, then second order using the history, then first order to sigma 0 (diffusers'
    // lower_order_final with final_sigmas_type "zero").
    double[] sigmas = {14.6146, 9.0, 4.0, 1.5, 0.4, 0};
    Random random = new Random(23);
    double[] x = toDouble(toFloat(gaussian(random, N, 1)));
    float[] xf = toFloat(x);
    double[] m1 = new double[N];
    try (FloatPointer history = new FloatPointer(N)) {
      for (int s = 0; s + 1 < sigmas.length; s++) {
        double[] eps = toDouble(toFloat(gaussian(random, N, 1)));
        boolean firstOrder = s == 0 || sigmas[s + 1] == 0;
        double alphaS = 1 / Math.sqrt(sigmas[s] * sigmas[s] + 1);
        double sigmaS = sigmas[s] * alphaS;
        double alphaT = 1 / Math.sqrt(sigmas[s + 1] * sigmas[s + 1] + 1);
        double sigmaT = sigmas[s + 1] * alphaT;
        double lambdaS = Math.log(alphaS) - Math.log(sigmaS);
        double lambdaT = Math.log(alphaT) - Math.log(sigmaT);
        double h = lambdaT - lambdaS;
        double r0 = Double.NaN;
        if (!firstOrder) {
          double alphaP = 1 / Math.sqrt(sigmas[s - 1] * sigmas[s - 1] + 1);
          double lambdaP = Math.log(alphaP) - Math.log(sigmas[s - 1] * alphaP);
          r0 = (lambdaS - lambdaP) / h;
        }
        for (int i = 0; i < N; i++) {
          double m0 = (x[i] - sigmaS * eps[i]) / alphaS;
          if (firstOrder) {
            x[i] = (sigmaT / sigmaS) * x[i] - alphaT * (Math.exp(-h) - 1) * m0;
          } else {
            double d1 = (m0 - m1[i]) / r0;
            x[i] = (sigmaT / sigmaS) * x[i] - alphaT * (Math.exp(-h) - 1) * m0
                - 0.5 * alphaT * (Math.exp(-h) - 1) * d1;
          }
          m1[i] = m0;
        }
        float[] coef = firstOrder
            ? LatentKernels.dpmpp2mFirstOrderCoefs(sigmas[s], sigmas[s + 1])
            : LatentKernels.dpmpp2mSecondOrderCoefs(sigmas[s - 1], sigmas[s], sigmas[s + 1]);
        kernelStep(xf, eps, history, coef, 0);
        assertClose(x, xf, "dpm++ 2m step " + s);
        float[] hist = new float[N];
        history.get(hist);
        assertClose(m1, hist, "x0 prediction in history, step " + s);
      }
    }
  }

  @Test
  void coefficientValues() {
    float[] euler = LatentKernels.eulerCoefs(3, 2);
    assertEquals(1f, euler[2]);
    assertEquals(-1f, euler[5]);
    assertEquals(0f, euler[6]);
    float[] last = LatentKernels.dpmpp2mFirstOrderCoefs(0.0292, 0);
    assertEquals(0f, last[2], "A: sigma_t = 0");
    assertEquals(1f, last[3], 1e-7f, "B: x' = x0");
    float[] ancestralToZero = LatentKernels.eulerAncestralCoefs(0.5, 0);
    assertEquals(0f, ancestralToZero[6], "no noise into sigma 0");
    assertEquals(-0.5f, ancestralToZero[5]);
  }

  @Test
  void badSigmasAreRefused() {
    assertMessage("sigma must be finite and > 0", () -> LatentKernels.eulerCoefs(0, 0));
    assertMessage("sigmaNext must be in [0, sigma", () -> LatentKernels.eulerCoefs(1, 2));
    assertMessage("sigmaNext must be in [0, sigma", () -> LatentKernels.eulerCoefs(1, Double.NaN));
    assertMessage("sigmaFrom must be finite and > 0",
        () -> LatentKernels.eulerAncestralCoefs(Double.POSITIVE_INFINITY, 1));
    assertMessage("sigmaTo must be in", () -> LatentKernels.eulerAncestralCoefs(1, -1));
    assertMessage("sigma must be finite and > 0",
        () -> LatentKernels.dpmpp2mFirstOrderCoefs(-1, 0));
    assertMessage("second order needs sigmaPrev > sigma > sigmaNext > 0",
        () -> LatentKernels.dpmpp2mSecondOrderCoefs(3, 2, 0));
    assertMessage("second order needs sigmaPrev > sigma > sigmaNext > 0",
        () -> LatentKernels.dpmpp2mSecondOrderCoefs(2, 2, 1));
    assertMessage("sigma must be in [0, sigmaPrev",
        () -> LatentKernels.dpmpp2mSecondOrderCoefs(2, 3, 1));
  }
}
