package org.segfill.kernels;

/**
 * Plain-Java model of Pillow's 8-bit resize (libImaging/Resample.c): double weights normalised
 * per output pixel, 22-bit fixed point, horizontal pass then vertical pass, each rounded and
 * clipped to uint8, a pass skipped when its size is unchanged.
 */
final class PilResampleReference {
  private static final int PRECISION_BITS = 22;

  private PilResampleReference() {}

  static byte[] resize(byte[] in, int inW, int inH, int ch, int outW, int outH, boolean lanczos) {
    byte[] cur = in;
    int curW = inW;
    if (outW != inW) {
      cur = horizontal(cur, inW, inH, ch, outW, lanczos);
      curW = outW;
    }
    if (outH != inH) {
      cur = vertical(cur, curW, inH, ch, outH, lanczos);
    }
    return cur == in ? in.clone() : cur;
  }

  /** Per output coordinate: {first, count} and fixed-point weights. */
  static int[][] weights(int inSize, int outSize, boolean lanczos, int[][] bounds) {
    double scale = (double) inSize / outSize;
    double filterScale = Math.max(scale, 1.0);
    double support = (lanczos ? 3.0 : 1.0) * filterScale;
    int[][] kk = new int[outSize][];
    for (int o = 0; o < outSize; o++) {
      double center = (o + 0.5) * scale;
      int first = Math.max((int) (center - support + 0.5), 0);
      int last = Math.min((int) (center + support + 0.5), inSize);
      double[] w = new double[last - first];
      double total = 0;
      for (int x = 0; x < w.length; x++) {
        w[x] = filter((x + first - center + 0.5) * (1.0 / filterScale), lanczos);
        total += w[x];
      }
      kk[o] = new int[w.length];
      for (int x = 0; x < w.length; x++) {
        double k = total != 0 ? w[x] / total : w[x];
        double fixed = k * (1 << PRECISION_BITS);
        kk[o][x] = (int) (k < 0 ? fixed - 0.5 : fixed + 0.5);
      }
      bounds[o] = new int[] {first, w.length};
    }
    return kk;
  }

  private static double filter(double x, boolean lanczos) {
    if (lanczos) {
      return (x >= -3.0 && x < 3.0) ? sinc(x) * sinc(x / 3.0) : 0.0;
    }
    double ax = Math.abs(x);
    return ax < 1.0 ? 1.0 - ax : 0.0;
  }

  private static double sinc(double x) {
    if (x == 0.0) {
      return 1.0;
    }
    double px = x * Math.PI;
    return Math.sin(px) / px;
  }

  private static byte[] horizontal(byte[] in, int w, int h, int ch, int outW, boolean lanczos) {
    int[][] bounds = new int[outW][];
    int[][] kk = weights(w, outW, lanczos, bounds);
    byte[] out = new byte[outW * h * ch];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < outW; x++) {
        for (int c = 0; c < ch; c++) {
          int sum = 1 << (PRECISION_BITS - 1);
          for (int t = 0; t < kk[x].length; t++) {
            sum += (in[(y * w + bounds[x][0] + t) * ch + c] & 0xff) * kk[x][t];
          }
          out[(y * outW + x) * ch + c] = clip8(sum);
        }
      }
    }
    return out;
  }

  private static byte[] vertical(byte[] in, int w, int h, int ch, int outH, boolean lanczos) {
    int[][] bounds = new int[outH][];
    int[][] kk = weights(h, outH, lanczos, bounds);
    byte[] out = new byte[w * outH * ch];
    for (int y = 0; y < outH; y++) {
      for (int x = 0; x < w; x++) {
        for (int c = 0; c < ch; c++) {
          int sum = 1 << (PRECISION_BITS - 1);
          for (int t = 0; t < kk[y].length; t++) {
            sum += (in[((bounds[y][0] + t) * w + x) * ch + c] & 0xff) * kk[y][t];
          }
          out[(y * w + x) * ch + c] = clip8(sum);
        }
      }
    }
    return out;
  }

  private static byte clip8(int v) {
    if (v >= (1 << PRECISION_BITS << 8)) {
      return (byte) 255;
    }
    if (v <= 0) {
      return 0;
    }
    return (byte) (v >> PRECISION_BITS);
  }
}
