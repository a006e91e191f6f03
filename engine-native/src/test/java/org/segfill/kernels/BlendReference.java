package org.segfill.kernels;

/** Alpha compositing with a plain integer division. */
final class BlendReference {
  private BlendReference() {}

  static int blend(int o, int g, int a) {
    return (o * (255 - a) + g * a + 127) / 255;
  }

  static byte[] blend(byte[] original, int w, int h, int c, byte[] generated, byte[] alpha,
      int x0, int y0, int rw, int rh) {
    byte[] out = original.clone();
    for (int y = 0; y < rh; y++) {
      for (int x = 0; x < rw; x++) {
        int a = alpha[y * rw + x] & 0xff;
        for (int k = 0; k < c; k++) {
          int oi = ((y0 + y) * w + x0 + x) * c + k;
          int gi = (y * rw + x) * c + k;
          out[oi] = (byte) blend(original[oi] & 0xff, generated[gi] & 0xff, a);
        }
      }
    }
    return out;
  }
}
