package org.segfill.engine.inpaint.classic;

/**
 * Blends a fill into its surroundings in the gradient domain (Perez et al. 2003): inside the
 * hole the result takes the fill's pixel-to-pixel differences, at the hole's edge it meets the
 * original, so a fill copied from a brighter or darker place is shaded to fit.
 *
 * <p>Every difference of the fill is first clipped, per channel, to the largest step between
 * neighbouring known pixels of the ring around the hole. On a smooth background that step is a
 * level or two, so the seams where shift-map switches between copied places (a few levels)
 * are flattened away; on texture the ring holds steps as large as the fill's and nothing is
 * clipped.
 */
final class PoissonBlend {
  /** Over-relaxation of the Gauss-Seidel sweeps: close to 2 for holes tens of px across. */
  private static final double OMEGA = 1.9;
  /** Sweeps stop once no pixel moves by more than this many levels. */
  private static final double TOLERANCE = 0.01;
  /** A bound on sweeps; convergence takes a few hundred for holes within the fill's budget. */
  private static final int MAX_SWEEPS = 3000;

  private PoissonBlend() {}

  /**
   * The w x h RGB image that equals {@code original} outside {@code hole} and solves the clipped
   * Poisson equation inside it.
   *
   * @param original the image, row-major RGB; its hole pixels are not read
   * @param fill a fill of {@code ring} (the hole and a band of known pixels around it)
   * @param hole 0/255, the pixels to replace
   * @param ring 0/255, the hole grown by a few px: {@code fill} is valid there, and the known
   *     pixels in it set the clip
   */
  static byte[] blend(byte[] original, byte[] fill, byte[] hole, byte[] ring, int w, int h) {
    int[] clip = ringSteps(original, hole, ring, w, h);
    int[] pixels = holePixels(hole);
    int[] links = neighbourTable(pixels, w, h);
    float[] u = new float[original.length];
    for (int i = 0; i < u.length; i++) {
      u[i] = (hole[i / 3] != 0 ? fill[i] : original[i]) & 0xff;
    }
    float[] guidance = new float[3 * pixels.length];
    for (int j = 0; j < pixels.length; j++) {
      int p = pixels[j];
      for (int k = 4 * j; k < 4 * j + 4; k++) {
        int q = links[k];
        for (int c = 0; q >= 0 && c < 3; c++) {
          int d = (fill[3 * p + c] & 0xff) - (fill[3 * q + c] & 0xff);
          guidance[3 * j + c] += Math.max(-clip[c], Math.min(clip[c], d));
        }
      }
    }
    solve(u, pixels, links, guidance);
    byte[] out = original.clone();
    for (int p : pixels) {
      for (int c = 0; c < 3; c++) {
        out[3 * p + c] = (byte) Math.max(0, Math.min(255, Math.round(u[3 * p + c])));
      }
    }
    return out;
  }

  /**
   * SOR sweeps of: for each hole pixel p, the sum over its neighbours q of (u_p - u_q) equals
   * its guidance. Known pixels stay fixed: they are the boundary condition.
   */
  private static void solve(float[] u, int[] pixels, int[] links, float[] guidance) {
    for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
      double largest = 0;
      for (int j = 0; j < pixels.length; j++) {
        int p = pixels[j];
        for (int c = 0; c < 3; c++) {
          double sum = guidance[3 * j + c];
          int count = 0;
          for (int k = 4 * j; k < 4 * j + 4; k++) {
            if (links[k] >= 0) {
              sum += u[3 * links[k] + c];
              count++;
            }
          }
          double step = count == 0 ? 0 : OMEGA * (sum / count - u[3 * p + c]);
          u[3 * p + c] += (float) step;
          largest = Math.max(largest, Math.abs(step));
        }
      }
      if (largest < TOLERANCE) {
        return;
      }
    }
  }

  /**
   * Per channel, the largest absolute difference between 4-neighbours that are both known and
   * not both outside the ring; 255 (no clip) when the ring has no such pair.
   */
  static int[] ringSteps(byte[] original, byte[] hole, byte[] ring, int w, int h) {
    int[] largest = new int[3];
    boolean any = false;
    for (int p = 0; p < hole.length; p++) {
      if (hole[p] == 0) {
        int right = p % w + 1 < w ? p + 1 : -1;
        int below = p / w + 1 < h ? p + w : -1;
        any |= widen(largest, original, hole, ring, p, right);
        any |= widen(largest, original, hole, ring, p, below);
      }
    }
    return any ? largest : new int[] {255, 255, 255};
  }

  /** Widens {@code largest} by the known pair (p, q) if it touches the ring; true if it did. */
  private static boolean widen(int[] largest, byte[] original, byte[] hole, byte[] ring, int p,
      int q) {
    if (q < 0 || hole[q] != 0 || (ring[p] == 0 && ring[q] == 0)) {
      return false;
    }
    for (int c = 0; c < 3; c++) {
      int d = Math.abs((original[3 * p + c] & 0xff) - (original[3 * q + c] & 0xff));
      largest[c] = Math.max(largest[c], d);
    }
    return true;
  }

  private static int[] holePixels(byte[] hole) {
    int n = 0;
    for (byte b : hole) {
      n += b != 0 ? 1 : 0;
    }
    int[] pixels = new int[n];
    int j = 0;
    for (int p = 0; p < hole.length; p++) {
      if (hole[p] != 0) {
        pixels[j++] = p;
      }
    }
    return pixels;
  }

  /** For each hole pixel, its left, right, upper and lower neighbour; -1 past the edge. */
  private static int[] neighbourTable(int[] pixels, int w, int h) {
    int[] links = new int[4 * pixels.length];
    for (int j = 0; j < pixels.length; j++) {
      int p = pixels[j];
      int x = p % w;
      int y = p / w;
      links[4 * j] = x > 0 ? p - 1 : -1;
      links[4 * j + 1] = x + 1 < w ? p + 1 : -1;
      links[4 * j + 2] = y > 0 ? p - w : -1;
      links[4 * j + 3] = y + 1 < h ? p + w : -1;
    }
    return links;
  }
}
