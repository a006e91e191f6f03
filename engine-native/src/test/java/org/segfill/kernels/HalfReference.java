package org.segfill.kernels;

import java.util.Arrays;

/**
 * IEEE binary16 reference written independently of the kernels' bit tricks: half values are
 * computed arithmetically, and float -> half picks the nearest entry of the sorted table of all
 * finite halves (ties to the even bit pattern).
 */
final class HalfReference {
  /** Values of the half patterns 0 .. 0x7c00; 0x7c00 stands for 2^16 (the overflow point). */
  private static final double[] POSITIVE = new double[0x7c01];

  static {
    for (int h = 0; h < 0x7c00; h++) {
      POSITIVE[h] = value(h);
    }
    POSITIVE[0x7c00] = 65536.0;
  }

  private HalfReference() {}

  /** The exact value of a finite, non-negative half pattern. */
  static double value(int h) {
    int e = (h >> 10) & 0x1f;
    int m = h & 0x3ff;
    return e == 0 ? Math.scalb((double) m, -24) : Math.scalb((double) (1024 + m), e - 25);
  }

  /** half -> float, exactly. */
  static float toFloat(short bits) {
    int h = bits & 0xffff;
    boolean negative = (h & 0x8000) != 0;
    int magnitude = h & 0x7fff;
    float f;
    if (magnitude == 0x7c00) {
      f = Float.POSITIVE_INFINITY;
    } else if (magnitude > 0x7c00) {
      return Float.intBitsToFloat((negative ? 0x80000000 : 0) | 0x7f800000 | ((h & 0x3ff) << 13));
    } else {
      f = (float) value(magnitude);
    }
    return negative ? -f : f;
  }

  /** float -> half, round to nearest even; NaN gives sign | 0x7e00 | top payload bits. */
  static short fromFloat(float f) {
    int bits = Float.floatToRawIntBits(f);
    int sign = (bits >>> 16) & 0x8000;
    if (Float.isNaN(f)) {
      return (short) (sign | 0x7e00 | ((bits >>> 13) & 0x3ff));
    }
    double a = Math.abs((double) f);
    if (a >= 65536.0) {
      return (short) (sign | 0x7c00);
    }
    int idx = Arrays.binarySearch(POSITIVE, a);
    if (idx >= 0) {
      return (short) (sign | idx);
    }
    int hi = -idx - 1;
    int lo = hi - 1;
    // Compare 2a with lo + hi: both sides are exact in double, so ties are detected exactly.
    double twice = 2 * a;
    double mid = POSITIVE[lo] + POSITIVE[hi];
    int pick = twice < mid ? lo : twice > mid ? hi : (lo % 2 == 0 ? lo : hi);
    return (short) (sign | pick);
  }
}
