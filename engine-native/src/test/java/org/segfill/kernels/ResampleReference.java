package org.segfill.kernels;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;

/**
 * Plain-Java port of PIL's 8-bit resampling (Pillow libImaging/Resample.c), written independently
 * of the kernel source, plus the SAM/VAE conversions built on it. Test oracle only.
 */
final class ResampleReference {
  private static final int PRECISION_BITS = 32 - 8 - 2;

  private ResampleReference() {}

  /** Window start, sample count and fixed-point weights per output coordinate of one axis. */
  private record Axis(int[] start, int[] count, int[][] weights) {}

  static byte[] resize(
      byte[] in, int inW, int inH, int channels, int outW, int outH, ImageKernels.Filter filter) {
    byte[] image = in;
    int w = inW;
    if (outW != inW) {
      image = horizontal(image, inW, inH, channels, outW, axis(inW, outW, filter));
      w = outW;
    }
    if (outH != inH) {
      image = vertical(image, w, inH, channels, outH, axis(inH, outH, filter));
    }
    return image == in ? in.clone() : image;
  }

  private static Axis axis(int inSize, int outSize, ImageKernels.Filter filter) {
    double scale = (double) inSize / outSize;
    double filterScale = Math.max(scale, 1.0);
    double support = (filter == ImageKernels.Filter.LANCZOS3 ? 3.0 : 1.0) * filterScale;
    int[] start = new int[outSize];
    int[] count = new int[outSize];
    int[][] weights = new int[outSize][];
    for (int o = 0; o < outSize; o++) {
      double center = (o + 0.5) * scale;
      // PIL multiplies by 1 / filterScale (not divides) and truncates the window ends toward 0.
      int lo = Math.max((int) (center - support + 0.5), 0);
      int hi = Math.min((int) (center + support + 0.5), inSize);
      double[] w = new double[hi - lo];
      double sum = 0;
      for (int i = 0; i < w.length; i++) {
        w[i] = kernel(filter, (i + lo - center + 0.5) * (1.0 / filterScale));
        sum += w[i];
      }
      int[] fixed = new int[w.length];
      for (int i = 0; i < w.length; i++) {
        double v = sum != 0.0 ? w[i] / sum : w[i];
        double scaled = v * (1 << PRECISION_BITS);
        fixed[i] = (int) (v < 0 ? -0.5 + scaled : 0.5 + scaled);
      }
      start[o] = lo;
      count[o] = w.length;
      weights[o] = fixed;
    }
    return new Axis(start, count, weights);
  }

  private static double kernel(ImageKernels.Filter filter, double x) {
    return filter == ImageKernels.Filter.LANCZOS3 ? lanczos3(x) : triangle(x);
  }

  private static double triangle(double x) {
    double a = Math.abs(x);
    return a < 1.0 ? 1.0 - a : 0.0;
  }

  private static double lanczos3(double x) {
    if (x < -3.0 || x >= 3.0) {
      return 0.0;
    }
    return sinc(x) * sinc(x / 3.0);
  }

  private static double sinc(double x) {
    if (x == 0.0) {
      return 1.0;
    }
    double px = x * Math.PI;
    return StrictMath.sin(px) / px;
  }

  private static int clip8(int acc) {
    return Math.min(Math.max(acc >> PRECISION_BITS, 0), 255);
  }

  private static byte[] horizontal(byte[] in, int inW, int h, int ch, int outW, Axis a) {
    byte[] out = new byte[outW * h * ch];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < outW; x++) {
        for (int c = 0; c < ch; c++) {
          int acc = 1 << (PRECISION_BITS - 1);
          for (int t = 0; t < a.count[x]; t++) {
            acc += (in[(y * inW + a.start[x] + t) * ch + c] & 0xff) * a.weights[x][t];
          }
          out[(y * outW + x) * ch + c] = (byte) clip8(acc);
        }
      }
    }
    return out;
  }

  private static byte[] vertical(byte[] in, int w, int inH, int ch, int outH, Axis a) {
    byte[] out = new byte[w * outH * ch];
    int row = w * ch;
    for (int y = 0; y < outH; y++) {
      for (int e = 0; e < row; e++) {
        int acc = 1 << (PRECISION_BITS - 1);
        for (int t = 0; t < a.count[y]; t++) {
          acc += (in[(a.start[y] + t) * row + e] & 0xff) * a.weights[y][t];
        }
        out[y * row + e] = (byte) clip8(acc);
      }
    }
    return out;
  }

  /** SAM pre-processing (contract A2) into a [3,1024,1024] array. */
  static float[] samPreprocess(byte[] rgb, int w, int h, float[] mean, float[] std) {
    double scale = 1024 * 1.0 / Math.max(w, h);
    int rw = Math.max((int) (w * scale + 0.5), 1);
    int rh = Math.max((int) (h * scale + 0.5), 1);
    byte[] r = resize(rgb, w, h, 3, rw, rh, ImageKernels.Filter.BILINEAR);
    float[] out = new float[3 * 1024 * 1024];
    for (int c = 0; c < 3; c++) {
      for (int y = 0; y < rh; y++) {
        for (int x = 0; x < rw; x++) {
          float v = (float) (r[(y * rw + x) * 3 + c] & 0xff);
          out[(c * 1024 + y) * 1024 + x] = (v - mean[c]) / std[c];
        }
      }
    }
    return out;
  }

  /** VAE pre-processing (contract B6) into a [3,outH,outW] array. */
  static float[] vaePreprocess(byte[] rgb, int w, int h, int outW, int outH) {
    byte[] r = resize(rgb, w, h, 3, outW, outH, ImageKernels.Filter.LANCZOS3);
    float[] out = new float[3 * outW * outH];
    for (int c = 0; c < 3; c++) {
      for (int i = 0; i < outW * outH; i++) {
        out[c * outW * outH + i] = (float) (r[i * 3 + c] & 0xff) / 255.0f * 2.0f - 1.0f;
      }
    }
    return out;
  }

  /** VAE output (contract B9) of one value; NaN maps to 0. */
  static int tensorToByte(float x) {
    if (Float.isNaN(x)) {
      return 0;
    }
    float y = Math.min(Math.max(x / 2.0f + 0.5f, 0.0f), 1.0f);
    return (int) Math.rint(y * 255.0f);
  }

  static byte[] bytes(BytePointer p, int n) {
    byte[] b = new byte[n];
    p.position(0).get(b);
    return b;
  }

  static float[] floats(FloatPointer p, int n) {
    float[] f = new float[n];
    p.position(0).get(f);
    return f;
  }

  /** The pattern the pinned Pillow checksums were computed on. */
  static byte[] patternImage(int w, int h, int channels) {
    byte[] b = new byte[w * h * channels];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        for (int k = 0; k < channels; k++) {
          b[(y * w + x) * channels + k] = (byte) ((x * 37 + y * 91 + k * 53 + (x * y) % 7 * 11) % 256);
        }
      }
    }
    return b;
  }
}
