package org.segfill.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Accuracy of segfill's own float log and sincos(2 pi v) (the Java twin, which equals the kernels
 * bit for bit per NoiseRandnTest) against double-precision java.lang.Math. Bounds, in ulps of the
 * float result: log <= 1 (measured 0.83) over every Box-Muller input u and random floats; sin and
 * cos <= 1.5 (measured 1.44) over every Box-Muller input v.
 */
class NoiseMathTest {
  private static final double LOG_ULPS = 1.0;
  private static final double SINCOS_ULPS = 1.5;

  @Test
  void logIsWithinOneUlpOnEveryBoxMullerInput() {
    double worst = 0;
    for (int k = 1; k <= 1 << 24; k++) {
      float u = k * 0x1.0p-24f;
      worst = Math.max(worst, logUlps(u));
    }
    System.out.println("logf worst ulp over all u = k 2^-24: " + worst);
    assertTrue(worst <= LOG_ULPS, "worst " + worst + " ulp");
    assertEquals(0f, PhiloxTwin.logf(1f));
  }

  @Test
  void logIsWithinOneUlpOnRandomFloatsIncludingSubnormals() {
    Random random = new Random(5);
    double worst = 0;
    for (int t = 0; t < 4_000_000; t++) {
      float x = Float.intBitsToFloat(1 + random.nextInt(0x7f7fffff));
      worst = Math.max(worst, logUlps(x));
    }
    for (float x : new float[] {Float.MIN_VALUE, Float.MIN_NORMAL, 0.5f, 2f, Float.MAX_VALUE,
        Math.nextDown(1f), Math.nextUp(1f), 0.70710677f, 1.4142135f}) {
      worst = Math.max(worst, logUlps(x));
    }
    System.out.println("logf worst ulp over random floats: " + worst);
    assertTrue(worst <= LOG_ULPS, "worst " + worst + " ulp");
  }

  @Test
  void sinCosAreWithinOneAndAHalfUlpOnEveryBoxMullerInput() {
    double worstSin = 0;
    double worstCos = 0;
    for (int k = 0; k < 1 << 24; k++) {
      float v = k * 0x1.0p-24f;
      float[] sc = PhiloxTwin.sincos2pi(v);
      // Reference: exact reduction of the exactly representable v to the nearest quarter turn.
      int q = (int) Math.round(4.0 * v);
      double t = v - q * 0.25;
      double a = 2 * Math.PI * t;
      double s0 = Math.sin(a);
      double c0 = Math.cos(a);
      double s;
      double c;
      switch (q & 3) {
        case 0 -> {
          s = s0;
          c = c0;
        }
        case 1 -> {
          s = c0;
          c = -s0;
        }
        case 2 -> {
          s = -s0;
          c = -c0;
        }
        default -> {
          s = -c0;
          c = s0;
        }
      }
      worstSin = Math.max(worstSin, ulps(sc[0], s));
      worstCos = Math.max(worstCos, ulps(sc[1], c));
    }
    System.out.println("sin worst ulp " + worstSin + ", cos worst ulp " + worstCos);
    assertTrue(worstSin <= SINCOS_ULPS, "sin worst " + worstSin);
    assertTrue(worstCos <= SINCOS_ULPS, "cos worst " + worstCos);
  }

  @Test
  void sinCosAgreeWithMathSinCosAbsolutely() {
    double worst = 0;
    for (int k = 0; k < 1 << 24; k += 37) {
      float v = k * 0x1.0p-24f;
      float[] sc = PhiloxTwin.sincos2pi(v);
      worst = Math.max(worst, Math.abs(sc[0] - Math.sin(2 * Math.PI * v)));
      worst = Math.max(worst, Math.abs(sc[1] - Math.cos(2 * Math.PI * v)));
    }
    assertTrue(worst <= 2.5e-7, "worst absolute error " + worst);
  }

  private static double logUlps(float x) {
    return ulps(PhiloxTwin.logf(x), Math.log(x));
  }

  /** |got - ref| in units of the float ulp at ref (exact zero must be hit exactly). */
  private static double ulps(float got, double ref) {
    if (ref == 0) {
      return got == 0 ? 0 : Double.POSITIVE_INFINITY;
    }
    return Math.abs(got - ref) / Math.ulp((float) ref);
  }
}
