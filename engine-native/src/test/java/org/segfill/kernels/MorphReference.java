package org.segfill.kernels;

/** Disk dilation / erosion by brute force over every offset of the disk. */
final class MorphReference {
  private MorphReference() {}

  /**
   * Grow: 255 when any in-image pixel of the disk around it is non-zero. Shrink: 255 when every
   * in-image pixel of the disk is non-zero (pixels outside the image do not erode).
   */
  static byte[] morph(byte[] in, int w, int h, int r, boolean shrink) {
    byte[] out = new byte[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        boolean any = false;
        boolean all = true;
        scan:
        for (int dy = -r; dy <= r; dy++) {
          int yy = y + dy;
          if (yy < 0 || yy >= h) {
            continue;
          }
          for (int dx = -r; dx <= r; dx++) {
            int xx = x + dx;
            if (xx < 0 || xx >= w || dx * dx + dy * dy > r * r) {
              continue;
            }
            boolean selected = in[yy * w + xx] != 0;
            any |= selected;
            all &= selected;
            if (shrink ? !all : any) {
              break scan;
            }
          }
        }
        out[y * w + x] = (byte) ((shrink ? all : any) ? 255 : 0);
      }
    }
    return out;
  }
  /**
   * The same result row by row, for large radii: the disk row at dy is the chord
   * |dx| <= floor(sqrt(r^2 - dy^2)), counted with per-row prefix sums of selected pixels.
   */
  static byte[] morphByChords(byte[] in, int w, int h, int r, boolean shrink) {
    int[][] prefix = new int[h][w + 1];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        prefix[y][x + 1] = prefix[y][x] + (in[y * w + x] != 0 ? 1 : 0);
      }
    }
    byte[] out = new byte[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        boolean any = false;
        boolean all = true;
        for (int dy = Math.max(-r, -y); dy <= Math.min(r, h - 1 - y); dy++) {
          int half = (int) Math.floor(Math.sqrt((double) r * r - (double) dy * dy));
          while ((long) half * half > (long) r * r - (long) dy * dy) {
            half--;
          }
          int lo = Math.max(0, x - half);
          int hi = Math.min(w - 1, x + half);
          int selected = prefix[y + dy][hi + 1] - prefix[y + dy][lo];
          any |= selected > 0;
          all &= selected == hi - lo + 1;
        }
        out[y * w + x] = (byte) ((shrink ? all : any) ? 255 : 0);
      }
    }
    return out;
  }
}
