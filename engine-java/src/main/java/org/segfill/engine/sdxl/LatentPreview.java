package org.segfill.engine.sdxl;

import org.segfill.engine.image.RgbImage;

/**
 * A cheap latent-to-RGB projection for progress previews: a fixed linear map from the 4 SDXL
 * latent channels to RGB in [-1, 1], evaluated per latent cell (so the preview is 1/8 of the
 * image's size). The factors are the SDXL ones measured by the ComfyUI project for its latent
 * previews; they are an approximation, good enough to see the composition appear.
 */
final class LatentPreview {

  // Rows: latent channels; columns: R, G, B.
  private static final float[][] FACTORS = {
    {0.3920f, 0.4054f, 0.4549f},
    {-0.2634f, -0.0196f, 0.0653f},
    {0.0568f, 0.1687f, -0.0755f},
    {-0.3112f, -0.2359f, -0.2076f}
  };

  private LatentPreview() {}

  /** The picture of one sample's latents [4, h, w] starting at {@code offset}. */
  static RgbImage project(float[] latents, int offset, int h, int w) {
    int plane = h * w;
    byte[] rgb = new byte[plane * 3];
    for (int i = 0; i < plane; i++) {
      for (int c = 0; c < 3; c++) {
        float v = 0;
        for (int k = 0; k < 4; k++) {
          v += latents[offset + k * plane + i] * FACTORS[k][c];
        }
        int byteValue = Math.round((v + 1f) * 127.5f);
        rgb[3 * i + c] = (byte) Math.max(0, Math.min(255, byteValue));
      }
    }
    return new RgbImage(w, h, rgb);
  }
}
