package org.segfill.models.sdxl;

import org.segfill.engine.image.Resampler;
import org.segfill.engine.image.RgbImage;
import org.segfill.engine.inpaint.RepaintMask;
import org.segfill.engine.inpaint.RepaintShape;
import org.segfill.engine.mask.Mask;
import org.segfill.kernels.ImageKernels;

/**
 * The image and mask tensors of model contract B6 for a whole-image scenario, written out from
 * the contract in the test: the image Lanczos-resized to the bucket and mapped to [-1, 1]; the
 * repaint region resized the same way and binarised at 0.5; the masked image (0 where the mask
 * is 1); and the latent mask, the top-left pixel of each 8x8 block (torch "nearest"). Only the
 * Lanczos resampler, the repaint mask (grow and feather) and the bucket come from the engine.
 *
 * @param width bucket width W
 * @param height bucket height H
 * @param image [3, H, W] in [-1, 1]
 * @param repaint [H * W], the binarised mask: true = repaint
 * @param maskedImage [3, H, W], the image with 0 where repaint
 * @param latentMask [H/8 * W/8], 0 or 1
 * @param alpha the paste-back alpha at the original size: 0 = keep the original bytes
 */
public record ImageReference(int width, int height, float[] image, boolean[] repaint,
    float[] maskedImage, float[] latentMask, byte[] alpha) {

  public static ImageReference of(InpaintScenario scenario) {
    RgbImage original = scenario.image();
    int w = scenario.bucket().width();
    int h = scenario.bucket().height();
    Resampler resampler = new Resampler();
    RepaintMask repaintMask;
    try (Mask selection = Mask.of(original.width(), original.height(),
        scenario.selection())) {
      repaintMask = RepaintMask.build(selection, scenario.target(), RepaintShape.DEFAULT);
    }
    byte[] pixels = resampler.resize(original, w, h, ImageKernels.Filter.LANCZOS3).rgb();
    byte[] maskBytes = resampler.resizeGray(repaintMask.region(), original.width(),
        original.height(), w, h, ImageKernels.Filter.LANCZOS3);

    int plane = w * h;
    float[] image = new float[3 * plane];
    boolean[] repaint = new boolean[plane];
    float[] masked = new float[3 * plane];
    for (int i = 0; i < plane; i++) {
      repaint[i] = (maskBytes[i] & 0xff) / 255.0 >= 0.5;
      for (int c = 0; c < 3; c++) {
        float v = (float) ((pixels[3 * i + c] & 0xff) / 255.0 * 2 - 1);
        image[c * plane + i] = v;
        masked[c * plane + i] = repaint[i] ? 0f : v;
      }
    }
    int lw = w / 8;
    int lh = h / 8;
    float[] latentMask = new float[lw * lh];
    for (int y = 0; y < lh; y++) {
      for (int x = 0; x < lw; x++) {
        latentMask[y * lw + x] = repaint[(8 * y) * w + 8 * x] ? 1f : 0f;
      }
    }
    return new ImageReference(w, h, image, repaint, masked, latentMask, repaintMask.alpha());
  }

  public int latentWidth() {
    return width / 8;
  }

  public int latentHeight() {
    return height / 8;
  }
}
