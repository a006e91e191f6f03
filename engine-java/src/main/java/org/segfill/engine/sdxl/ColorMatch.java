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
    // Integer sums in locals: exact (so equal to summing the same bytes in doubles, far below
    // 2^53 for any photo) and cheaper than double accumulators in arrays.
    long kept = 0;
    long sumG0 = 0;
    long sumG1 = 0;
    long sumG2 = 0;
    long sumO0 = 0;
    long sumO1 = 0;
    long sumO2 = 0;
    long sqG0 = 0;
    long sqG1 = 0;
    long sqG2 = 0;
    long sqO0 = 0;
    long sqO1 = 0;
    long sqO2 = 0;
    for (int i = 0; i < n; i++) {
      if (alpha[i] != 0) {
        continue;
      }
      kept++;
      int p = 3 * i;
      int g0 = generated[p] & 0xff;
      int g1 = generated[p + 1] & 0xff;
      int g2 = generated[p + 2] & 0xff;
      int o0 = original[p] & 0xff;
      int o1 = original[p + 1] & 0xff;
      int o2 = original[p + 2] & 0xff;
      sumG0 += g0;
      sumG1 += g1;
      sumG2 += g2;
      sumO0 += o0;
      sumO1 += o1;
      sumO2 += o2;
      sqG0 += g0 * g0;
      sqG1 += g1 * g1;
      sqG2 += g2 * g2;
      sqO0 += o0 * o0;
      sqO1 += o1 * o1;
      sqO2 += o2 * o2;
    }
    if (kept < MIN_PIXELS) {
      return;
    }
    long[] sumG = {sumG0, sumG1, sumG2};
    long[] sumO = {sumO0, sumO1, sumO2};
    long[] sqG = {sqG0, sqG1, sqG2};
    long[] sqO = {sqO0, sqO1, sqO2};
    // The new value depends only on the channel and the old byte: one 256-entry table each.
    byte[][] table = new byte[3][256];
    for (int c = 0; c < 3; c++) {
      double meanG = (double) sumG[c] / kept;
      double meanO = (double) sumO[c] / kept;
      double stdG = Math.sqrt(Math.max(0, (double) sqG[c] / kept - meanG * meanG));
      double stdO = Math.sqrt(Math.max(0, (double) sqO[c] / kept - meanO * meanO));
      double gain = stdG < 1e-6 ? 1 : Math.max(MIN_GAIN, Math.min(MAX_GAIN, stdO / stdG));
      double offset = meanO - gain * meanG;
      for (int v = 0; v < 256; v++) {
        table[c][v] = (byte) Math.max(0, Math.min(255, Math.round(v * gain + offset)));
      }
    }
    byte[] t0 = table[0];
    byte[] t1 = table[1];
    byte[] t2 = table[2];
    for (int p = 0; p < 3 * n; p += 3) {
      generated[p] = t0[generated[p] & 0xff];
      generated[p + 1] = t1[generated[p + 1] & 0xff];
      generated[p + 2] = t2[generated[p + 2] & 0xff];
    }
  }
}
