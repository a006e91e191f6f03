package org.segfill.engine.inpaint.classic;

/**
 * How a fill of a hole compares with what the hole covered.
 *
 * @param psnr peak signal-to-noise ratio over the hole's pixels and channels, dB
 * @param detail the fill's mean luma gradient magnitude over the hole's inside (pixels whose
 *     right and lower neighbours are in the hole too, so the seam is left out) divided by the
 *     truth's: about 1 when texture is reproduced, far below when it is blurred away
 * @param millis time of the fill call
 */
record FillScore(double psnr, double detail, double millis) {

  /**
   * Scores {@code fill} (w x h RGB) against {@code truth} over the pixels where {@code hole} is
   * non-zero.
   */
  static FillScore of(byte[] fill, byte[] truth, byte[] hole, int w, double millis) {
    double squares = 0;
    long samples = 0;
    double fillDetail = 0;
    double truthDetail = 0;
    for (int i = 0; i < hole.length; i++) {
      if (hole[i] == 0) {
        continue;
      }
      for (int c = 0; c < 3; c++) {
        double d = (fill[3 * i + c] & 0xff) - (truth[3 * i + c] & 0xff);
        squares += d * d;
        samples++;
      }
      boolean inside = i % w + 1 < w && i + w < hole.length && hole[i + 1] != 0
          && hole[i + w] != 0;
      if (inside) {
        fillDetail += gradient(fill, i, w);
        truthDetail += gradient(truth, i, w);
      }
    }
    double mse = Math.max(squares / samples, 1e-6);
    return new FillScore(10 * Math.log10(255.0 * 255.0 / mse), fillDetail / truthDetail, millis);
  }

  private static double gradient(byte[] rgb, int i, int w) {
    double dx = luma(rgb, i + 1) - luma(rgb, i);
    double dy = luma(rgb, i + w) - luma(rgb, i);
    return Math.sqrt(dx * dx + dy * dy);
  }

  private static double luma(byte[] rgb, int i) {
    return 0.299 * (rgb[3 * i] & 0xff) + 0.587 * (rgb[3 * i + 1] & 0xff)
        + 0.114 * (rgb[3 * i + 2] & 0xff);
  }
}
