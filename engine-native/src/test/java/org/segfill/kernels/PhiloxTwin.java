package org.segfill.kernels;

/**
 * Plain-Java twin of kernels/src/noise/philox.h: Philox4x32-10, segfill's float log and sincos, and
 * the sf_randn_f32 layout. Java float arithmetic is IEEE with no FMA, so it matches the kernels
 * bit for bit when the operation order is the same; keep it in step with philox.h.
 */
final class PhiloxTwin {
  private PhiloxTwin() {}

  static int[] philox(int[] ctr, int[] key) {
    int c0 = ctr[0];
    int c1 = ctr[1];
    int c2 = ctr[2];
    int c3 = ctr[3];
    int k0 = key[0];
    int k1 = key[1];
    for (int round = 0; round < 10; round++) {
      if (round > 0) {
        k0 += 0x9E3779B9;
        k1 += 0xBB67AE85;
      }
      long p0 = (0xD2511F53L) * (c0 & 0xffffffffL);
      long p1 = (0xCD9E8D57L) * (c2 & 0xffffffffL);
      int n0 = (int) (p1 >>> 32) ^ c1 ^ k0;
      int n2 = (int) (p0 >>> 32) ^ c3 ^ k1;
      c0 = n0;
      c1 = (int) p1;
      c2 = n2;
      c3 = (int) p0;
    }
    return new int[] {c0, c1, c2, c3};
  }

  static float logf(float x) {
    int ix = Float.floatToRawIntBits(x);
    int k = 0;
    if (ix < 0x00800000) {
      x *= 33554432.0f;
      ix = Float.floatToRawIntBits(x);
      k = -25;
    }
    ix += 0x3f800000 - 0x3f3504f3;
    k += (ix >>> 23) - 127;
    ix = (ix & 0x007fffff) + 0x3f3504f3;
    float f = Float.intBitsToFloat(ix) - 1.0f;
    float s = f / (2.0f + f);
    float z = s * s;
    float r = z * (0x1.555556p-1f
        + z * (0x1.99999ap-2f + z * (0x1.24924ap-2f + z * (0x1.c71c72p-3f + z * 0x1.745d18p-3f))));
    float hfsq = 0.5f * f * f;
    float kf = k;
    return kf * 0x1.62ep-1f - ((hfsq - (s * (hfsq + r) + kf * 0x1.0bfbe8p-15f)) - f);
  }

  /** {sin(2 pi v), cos(2 pi v)} for v in [0, 1), a multiple of 2^-24. */
  static float[] sincos2pi(float v) {
    float q = (int) (v * 4.0f + 0.5f);
    float t = v - q * 0.25f;
    float u = t * t;
    float sp = u * (-0x1.4abbcep+5f
        + u * (0x1.466bc6p+6f
        + u * (-0x1.32d2ccp+6f + u * (0x1.507834p+5f + u * -0x1.e30750p+3f))));
    float th = (float) (int) (t * 4096.0f) * 0x1.0p-12f;
    float tl = t - th;
    float sn = th * 0x1.921cp+2f + ((tl * 0x1.921cp+2f + t * 0x1.daa222p-13f) + t * sp);
    float cp = u * (-0x1.3bd3ccp+4f
        + u * (0x1.03c1f0p+6f
        + u * (-0x1.55d3c8p+6f + u * (0x1.e1f506p+5f + u * -0x1.a6d1f2p+4f))));
    float cs = 1.0f + cp;
    switch (((int) q) & 3) {
      case 0:
        return new float[] {sn, cs};
      case 1:
        return new float[] {cs, -sn};
      case 2:
        return new float[] {-sn, -cs};
      default:
        return new float[] {-cs, sn};
    }
  }

  static void boxMuller(int x, int y, float[] out, int at) {
    float u = (float) ((x >>> 8) + 1) * 0x1.0p-24f;
    float v = (float) (y >>> 8) * 0x1.0p-24f;
    float r = (float) Math.sqrt(-2.0f * logf(u));
    float[] sc = sincos2pi(v);
    out[at] = r * sc[1];
    out[at + 1] = r * sc[0];
  }

  /** The 4 normals of Philox block q of the sample keyed by key (unsigned 64-bit). */
  static float[] randn4(long key, long q, int stream) {
    int[] p = philox(new int[] {(int) q, (int) (q >>> 32), stream, 0},
        new int[] {(int) key, (int) (key >>> 32)});
    float[] z = new float[4];
    boxMuller(p[0], p[1], z, 0);
    boxMuller(p[2], p[3], z, 2);
    return z;
  }

  /** sf_randn_f32 layout: out[b * n + i] = lane i % 4 of block i / 4 keyed by seed + b. */
  static float[] randn(int batch, int n, long seed, int stream) {
    float[] out = new float[batch * n];
    for (int b = 0; b < batch; b++) {
      for (int q = 0; 4 * q < n; q++) {
        float[] z = randn4(seed + b, q, stream);
        for (int j = 0; j < 4 && 4 * q + j < n; j++) {
          out[b * n + 4 * q + j] = z[j];
        }
      }
    }
    return out;
  }
}
