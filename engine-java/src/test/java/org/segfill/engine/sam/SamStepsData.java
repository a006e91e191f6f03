package org.segfill.engine.sam;

import java.util.Random;
import org.segfill.engine.image.RgbImage;

/** Seeded inputs for the SAM pre- and post-processing tests. */
final class SamStepsData {

  /** Odd sizes: aspect extremes, a 1x1, an exact 1024 square, a 12 MP photo. */
  static final int[][] SIZES = {
    {1537, 913}, {913, 1537}, {33, 17}, {1, 1}, {4000, 3}, {3, 4000}, {1024, 1024}, {4000, 3000}
  };

  private SamStepsData() {}

  static RgbImage image(int w, int h, long seed) {
    byte[] rgb = new byte[Math.multiplyExact(Math.multiplyExact(w, h), 3)];
    new Random(seed).nextBytes(rgb);
    return new RgbImage(w, h, rgb);
  }

  /**
   * {@code planes} 256x256 logit planes, each a noisy disc at its own place and size, so every
   * plane's mask has edges and differs from the others' (a swapped plane cannot go unnoticed).
   */
  static float[][] logits(int planes, long seed) {
    Random random = new Random(seed);
    int side = MaskLogits.SIDE;
    float[][] out = new float[planes][side * side];
    for (int p = 0; p < planes; p++) {
      double cx = 40 + random.nextInt(side - 80);
      double cy = 40 + random.nextInt(side - 80);
      double radius = 20 + 15 * p;
      for (int y = 0; y < side; y++) {
        for (int x = 0; x < side; x++) {
          double inside = radius - Math.hypot(x - cx, y - cy);
          out[p][y * side + x] = (float) (inside / 4 + random.nextGaussian());
        }
      }
    }
    return out;
  }
}
