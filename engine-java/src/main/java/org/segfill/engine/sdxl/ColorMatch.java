package org.segfill.engine.sdxl;

/**
 * Matches the colours of a generated window to the original where the original is kept (alpha
 * 0): per channel, a gain and offset that map the generated pixels' mean and standard deviation
 * there onto the original's, applied to the whole window before the paste-back. It removes the
 * VAE's colour drift and tints at the seam without touching the kept pixels (they keep their
 * original bytes anyway). The gain is limited to [0.5, 2]; with fewer than
 * {@value #MIN_PIXELS} kept pixels in the window nothing changes.
 */
final class ColorMatch {

  static final int MIN_PIXELS = 64;
  static final double MIN_GAIN = 0.5;
  static final double MAX_GAIN = 2.0;

  private ColorMatch() {}

  /**
   * Adjusts {@code generated} (RGB, window-sized) in place.
   *
   * @param original the original pixels of the same window (RGB)
   * @param alpha the window's paste-back alpha, one byte per pixel
   */
  static void apply(byte[] generated, byte[] original, byte[] alpha) {
    int n = alpha.length;
    double[] sumG = new double[3];
    double[] sumO = new double[3];
    double[] sqG = new double[3];
    double[] sqO = new double[3];
    long kept = 0;
    for (int i = 0; i < n; i++) {
      if (alpha[i] != 0) {
        continue;
      }
      kept++;
      for (int c = 0; c < 3; c++) {
        double g = generated[3 * i + c] & 0xff;
        double o = original[3 * i + c] & 0xff;
        sumG[c] += g;
        sumO[c] += o;
        sqG[c] += g * g;
        sqO[c] += o * o;
      }
    }
    if (kept < MIN_PIXELS) {
      return;
    }
    double[] gain = new double[3];
    double[] offset = new double[3];
    for (int c = 0; c < 3; c++) {
      double meanG = sumG[c] / kept;
      double meanO = sumO[c] / kept;
      double stdG = Math.sqrt(Math.max(0, sqG[c] / kept - meanG * meanG));
      double stdO = Math.sqrt(Math.max(0, sqO[c] / kept - meanO * meanO));
      gain[c] = stdG < 1e-6 ? 1 : Math.max(MIN_GAIN, Math.min(MAX_GAIN, stdO / stdG));
      offset[c] = meanO - gain[c] * meanG;
    }
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < 3; c++) {
        double v = (generated[3 * i + c] & 0xff) * gain[c] + offset[c];
        generated[3 * i + c] = (byte) Math.max(0, Math.min(255, Math.round(v)));
      }
    }
  }
}
