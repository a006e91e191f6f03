package org.segfill.engine.sdxl;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.segfill.engine.backend.Tensor;
import org.segfill.engine.image.Resampler;
import org.segfill.engine.image.RgbImage;
import org.segfill.engine.inpaint.PixelRect;
import org.segfill.engine.inpaint.RepaintMask;
import org.segfill.kernels.ImageKernels;
import org.segfill.kernels.KernelTarget;

/**
 * The image and mask tensors of model contract B6 for one generation window: the window's
 * pixels Lanczos-resized to the bucket and mapped to [-1, 1]; the repaint region resized the
 * same way, binarised at 0.5 (white = repaint); the masked image (repaint pixels set to 0, i.e.
 * mid-grey); and the mask on the latent grid by nearest sampling (top-left of each 8x8 block).
 *
 * @param image the window as [1,3,H,W] in [-1, 1]
 * @param maskedImage the same with repaint pixels 0
 * @param latentMask [h*w] floats 0 or 1
 * @param width bucket width W
 * @param height bucket height H
 */
record InpaintInputs(Tensor image, Tensor maskedImage, float[] latentMask, int width,
    int height) {

  /** Builds the tensors for {@code window} of {@code original} at the {@code bucket} size. */
  static InpaintInputs of(RgbImage original, RepaintMask repaint, PixelRect window,
      SdxlBuckets.Size bucket, Resampler resampler, SdxlSteps steps) {
    int bw = bucket.width();
    int bh = bucket.height();
    RgbImage crop = original.crop(window.x(), window.y(), window.width(), window.height());
    float[] image = toTensor(crop, bw, bh);

    byte[] region = window.crop(repaint.region(), original.width(), 1);
    byte[] mask = resampler.resizeGray(region, window.width(), window.height(), bw, bh,
        ImageKernels.Filter.LANCZOS3);
    // diffusers: L / 255 >= 0.5 is 1. A byte v gives v / 255 >= 0.5 exactly when v >= 128.
    for (int i = 0; i < mask.length; i++) {
      mask[i] = (mask[i] & 0xff) >= 128 ? (byte) 255 : 0;
    }
    int plane = bw * bh;
    // image * (mask < 0.5): repaint pixels become 0, mid-grey in [-1, 1].
    float fill = steps.maskedFill().value();
    float[] masked = image.clone();
    for (int c = 0; c < 3; c++) {
      for (int i = 0; i < plane; i++) {
        if (mask[i] != 0) {
          masked[c * plane + i] = fill;
        }
      }
    }
    long[] shape = {1, 3, bh, bw};
    return new InpaintInputs(Tensor.ofFloats(shape, image), Tensor.ofFloats(shape, masked),
        steps.latentMask().downsample(mask, bw, bh, bucket.latentWidth(),
            bucket.latentHeight()), bw, bh);
  }

  private static float[] toTensor(RgbImage crop, int bw, int bh) {
    ImageKernels kernels = new ImageKernels(KernelTarget.cpu());
    long workspaceBytes =
        ImageKernels.vaePreprocessWorkspaceBytes(crop.width(), crop.height(), bw, bh);
    float[] out = new float[3 * bw * bh];
    try (BytePointer rgb = new BytePointer(crop.rgb());
        BytePointer workspace = new BytePointer(workspaceBytes);
        FloatPointer tensor = new FloatPointer(out.length)) {
      kernels.vaePreprocess(rgb, crop.width(), crop.height(), tensor, bw, bh, workspace);
      tensor.get(out);
    }
    return out;
  }
}
