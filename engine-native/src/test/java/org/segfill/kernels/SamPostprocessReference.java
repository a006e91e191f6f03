package org.segfill.kernels;

/**
 * Contract A5 computed literally, in float: upsample the 256x256 logits to a full 1024x1024
 * frame, crop to the resized size, resize to the original size, threshold.
 */
final class SamPostprocessReference {
  private SamPostprocessReference() {}

  /** Contract A2: scale = 1024 / max in double, side = int(side * scale + 0.5), at least 1. */
  static int[] resizedSize(int w, int h) {
    double scale = 1024.0 / Math.max(w, h);
    int rw = (int) (w * scale + 0.5);
    int rh = (int) (h * scale + 0.5);
    return new int[] {Math.max(1, rw), Math.max(1, rh)};
  }

  static byte[] postprocess(float[] logits, int w, int h, float threshold) {
    float[] frame = resize(logits, 256, 256, 1024, 1024);
    int[] r = resizedSize(w, h);
    int rw = r[0];
    int rh = r[1];
    float[] crop = new float[rw * rh];
    for (int y = 0; y < rh; y++) {
      System.arraycopy(frame, y * 1024, crop, y * rw, rw);
    }
    float[] full = resize(crop, rw, rh, w, h);
    byte[] out = new byte[w * h];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) (full[i] > threshold ? 255 : 0);
    }
    return out;
  }

  /** torch bilinear, align_corners=False, no antialias. */
  static float[] resize(float[] in, int inW, int inH, int outW, int outH) {
    float sx = (float) inW / (float) outW;
    float sy = (float) inH / (float) outH;
    float[] out = new float[outW * outH];
    for (int y = 0; y < outH; y++) {
      float srcY = Math.max(sy * ((float) y + 0.5f) - 0.5f, 0f);
      int y0 = Math.min((int) srcY, inH - 1);
      int y1 = y0 < inH - 1 ? y0 + 1 : y0;
      float ly1 = srcY - y0;
      float ly0 = 1f - ly1;
      for (int x = 0; x < outW; x++) {
        float srcX = Math.max(sx * ((float) x + 0.5f) - 0.5f, 0f);
        int x0 = Math.min((int) srcX, inW - 1);
        int x1 = x0 < inW - 1 ? x0 + 1 : x0;
        float lx1 = srcX - x0;
        float lx0 = 1f - lx1;
        float top = lx0 * in[y0 * inW + x0] + lx1 * in[y0 * inW + x1];
        float bottom = lx0 * in[y1 * inW + x0] + lx1 * in[y1 * inW + x1];
        out[y * outW + x] = ly0 * top + ly1 * bottom;
      }
    }
    return out;
  }
}
