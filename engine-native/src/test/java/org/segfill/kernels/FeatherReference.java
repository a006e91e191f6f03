package org.segfill.kernels;

/**
 * The feather's integer algorithm written independently: Q12 Gaussian taps summing to 4096,
 * a horizontal pass to Q8 with replicated borders, then a vertical pass back to 8 bits.
 */
final class FeatherReference {
  private FeatherReference() {}

  /** Weights for offsets -r..r (index r + k). */
  static int[] taps(int r) {
    int[] w = new int[2 * r + 1];
    if (r == 0) {
      w[0] = 4096;
      return w;
    }
    double sigma = r / 3.0;
    double[] g = new double[r + 1];
    double sum = 0;
    for (int k = 0; k <= r; k++) {
      g[k] = Math.exp(-((double) k * k) / (2.0 * sigma * sigma));
      sum += k == 0 ? g[k] : 2.0 * g[k];
    }
    int side = 0;
    for (int k = 1; k <= r; k++) {
      int wk = (int) Math.floor(4096.0 * g[k] / sum + 0.5);
      w[r + k] = wk;
      w[r - k] = wk;
      side += 2 * wk;
    }
    w[r] = 4096 - side;
    return w;
  }

  static byte[] feather(byte[] in, int w, int h, int r) {
    int[] t = taps(r);
    int[] tmp = new int[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int sum = 0;
        for (int k = -r; k <= r; k++) {
          int xx = Math.min(Math.max(x + k, 0), w - 1);
          sum += t[r + k] * (in[y * w + xx] & 0xff);
        }
        tmp[y * w + x] = (sum + 8) >> 4;
      }
    }
    byte[] out = new byte[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int sum = 0;
        for (int k = -r; k <= r; k++) {
          int yy = Math.min(Math.max(y + k, 0), h - 1);
          sum += t[r + k] * tmp[yy * w + x];
        }
        out[y * w + x] = (byte) ((sum + (1 << 19)) >> 20);
      }
    }
    return out;
  }
}
