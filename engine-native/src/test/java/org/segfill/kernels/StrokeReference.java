package org.segfill.kernels;

/**
 * Brush strokes by brute force: every pixel of the image against every segment. Pixel (x, y)
 * covers [x, x + 1) x [y, y + 1); it is painted when its centre is within radius of a segment.
 */
final class StrokeReference {
  private StrokeReference() {}

  static void stroke(byte[] mask, int w, int h, float[] pts, int npoints, float radius,
      boolean erase) {
    float r2 = radius * radius;
    int segments = Math.max(1, npoints - 1);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        for (int s = 0; s < segments; s++) {
          int b = npoints == 1 ? 0 : s + 1;
          if (near(x, y, pts[2 * s], pts[2 * s + 1], pts[2 * b], pts[2 * b + 1], r2)) {
            mask[y * w + x] = (byte) (erase ? 0 : 255);
            break;
          }
        }
      }
    }
  }

  /** Squared distance from the pixel centre to the segment, float operations in a fixed order. */
  static boolean near(int x, int y, float ax, float ay, float bx, float by, float r2) {
    float px = x + 0.5f;
    float py = y + 0.5f;
    float dx = bx - ax;
    float dy = by - ay;
    float len2 = dx * dx + dy * dy;
    float t = 0f;
    if (len2 > 0f) {
      t = ((px - ax) * dx + (py - ay) * dy) / len2;
      t = Math.min(Math.max(t, 0f), 1f);
    }
    float ex = px - (ax + t * dx);
    float ey = py - (ay + t * dy);
    return ex * ex + ey * ey <= r2;
  }
}
