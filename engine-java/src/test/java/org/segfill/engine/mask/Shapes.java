package org.segfill.engine.mask;

/** Test shapes and brute-force references over row-major 0/255 byte arrays. */
final class Shapes {
  private Shapes() {}

  /** Pixels with (x - cx)^2 + (y - cy)^2 <= r^2 set to 255. */
  static byte[] disk(int w, int h, int cx, int cy, int r) {
    byte[] m = new byte[w * h];
    paintDisk(m, w, h, cx, cy, r, (byte) 255);
    return m;
  }

  static void paintDisk(byte[] m, int w, int h, int cx, int cy, int r, byte value) {
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        long dx = x - cx;
        long dy = y - cy;
        if (dx * dx + dy * dy <= (long) r * r) {
          m[y * w + x] = value;
        }
      }
    }
  }

  static void rect(byte[] m, int w, int x0, int y0, int rw, int rh) {
    for (int y = y0; y < y0 + rh; y++) {
      for (int x = x0; x < x0 + rw; x++) {
        m[y * w + x] = (byte) 255;
      }
    }
  }

  /** Count of lattice points in the disk of radius r. */
  static long latticeDisk(int r) {
    long c = 0;
    for (int y = -r; y <= r; y++) {
      for (int x = -r; x <= r; x++) {
        if (x * x + y * y <= r * r) c++;
      }
    }
    return c;
  }

  /** Brute-force dilation (erode = false) or erosion with the disk of radius k; outside counts as selected for erosion. */
  static byte[] morph(byte[] m, int w, int h, int k, boolean erode) {
    byte[] out = new byte[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        boolean any = false;
        boolean all = true;
        for (int dy = -k; dy <= k; dy++) {
          for (int dx = -k; dx <= k; dx++) {
            if (dx * dx + dy * dy > k * k) continue;
            int nx = x + dx;
            int ny = y + dy;
            boolean sel = nx < 0 || ny < 0 || nx >= w || ny >= h
                ? erode : m[ny * w + nx] != 0;
            any |= sel;
            all &= sel;
          }
        }
        out[y * w + x] = (erode ? all : any) ? (byte) 255 : 0;
      }
    }
    return out;
  }

  static long count(byte[] m) {
    long c = 0;
    for (byte b : m) if (b == (byte) 255) c++;
    return c;
  }
}
