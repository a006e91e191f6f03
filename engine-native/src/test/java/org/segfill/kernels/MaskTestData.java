package org.segfill.kernels;

import java.util.Random;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;

/** Random inputs and pointer helpers shared by the mask kernel tests. */
final class MaskTestData {
  private MaskTestData() {}

  /** A mask with sparse random pixels plus a few filled rectangles, so both grow and shrink act. */
  static byte[] blobs(int w, int h, long seed) {
    Random random = new Random(seed);
    byte[] m = new byte[w * h];
    for (int i = 0; i < m.length; i++) {
      if (random.nextInt(50) == 0) {
        m[i] = (byte) (1 + random.nextInt(255));
      }
    }
    for (int b = 0; b < 4; b++) {
      int x0 = random.nextInt(w);
      int y0 = random.nextInt(h);
      int x1 = Math.min(w, x0 + 1 + random.nextInt(Math.max(1, w / 2)));
      int y1 = Math.min(h, y0 + 1 + random.nextInt(Math.max(1, h / 2)));
      for (int y = y0; y < y1; y++) {
        for (int x = x0; x < x1; x++) {
          m[y * w + x] = (byte) 255;
        }
      }
    }
    return m;
  }

  static byte[] randomBytes(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  static byte[] bytes(BytePointer p, long n) {
    byte[] b = new byte[Math.toIntExact(n)];
    p.position(0).get(b);
    return b;
  }

  static float[] floats(FloatPointer p, long n) {
    float[] f = new float[Math.toIntExact(n)];
    p.position(0).get(f);
    return f;
  }

  static int count(byte[] m, int value) {
    int c = 0;
    for (byte b : m) {
      if ((b & 0xff) == value) {
        c++;
      }
    }
    return c;
  }

  /** Index of the first differing element, or -1. */
  static int firstDifference(byte[] a, byte[] b) {
    for (int i = 0; i < a.length; i++) {
      if (a[i] != b[i]) {
        return i;
      }
    }
    return -1;
  }

  /** Number of lattice points (dx, dy) with dx^2 + dy^2 <= r^2. */
  static int latticeDisk(int r) {
    int c = 0;
    for (int dy = -r; dy <= r; dy++) {
      for (int dx = -r; dx <= r; dx++) {
        if (dx * dx + dy * dy <= r * r) {
          c++;
        }
      }
    }
    return c;
  }
}
