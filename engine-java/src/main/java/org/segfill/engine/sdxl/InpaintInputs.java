package org.segfill.engine.sdxl;

import org.segfill.engine.backend.Tensor;
import org.segfill.engine.image.RgbImage;
import org.segfill.engine.inpaint.PixelRect;
import org.segfill.engine.inpaint.RepaintMask;
import org.segfill.kernels.ImageKernels;
import org.segfill.kernels.MaskKernels;
import org.segfill.place.KernelPlace;
import org.segfill.place.PlaceBuffer;

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

  /** diffusers: L / 255 >= 0.5 is 1. A byte v gives v / 255 >= 0.5 exactly when v >= 128. */
  private static final int REPAINT_THRESHOLD = 128;

  /**
   * Builds the tensors for {@code window} of {@code original} at the {@code bucket} size with the
   * kernels of {@code place}: the window's pixels and repaint region are uploaded once, resized,
   * normalised, binarised and sampled to the latent grid in the place's memory, and each result
   * comes back once. The masked image is filled on the host from the two downloads: one pass over
   * memory that has to come back anyway, not worth a kernel.
   */
  static InpaintInputs of(KernelPlace place, RgbImage original, RepaintMask repaint,
      PixelRect window, SdxlBuckets.Size bucket, SdxlSteps steps) {
    int bw = bucket.width();
    int bh = bucket.height();
    int ww = window.width();
    int wh = window.height();
    int plane = bw * bh;
    boolean resize = ww != bw || wh != bh;
    ImageKernels imageKernels = new ImageKernels(place.target());
    MaskKernels maskKernels = new MaskKernels(place.target());
    float[] image = new float[3 * plane];
    byte[] mask = new byte[plane];
    float[] latentMask;
    // Every buffer outlives the downloads, which wait for all the work queued before them.
    try (PlaceBuffer crop = place.upload(
            original.crop(window.x(), window.y(), ww, wh).rgb());
        PlaceBuffer region = place.upload(window.crop(repaint.region(), original.width(), 1));
        PlaceBuffer tensor = place.allocate((long) image.length * Float.BYTES);
        PlaceBuffer resized = place.allocate(plane);
        PlaceBuffer workspace = place.allocate(workspaceBytes(ww, wh, bw, bh))) {
      imageKernels.vaePreprocess(crop.bytes(), ww, wh, tensor.floats(), bw, bh,
          workspace.bytes());
      // Like PIL (and Resampler), a resize to the same size is a copy: skip it.
      PlaceBuffer bucketMask = resize ? resized : region;
      if (resize) {
        // Stream order lets the resample reuse the pre-process's workspace.
        imageKernels.resample(region.bytes(), ww, wh, 1, resized.bytes(), bw, bh,
            ImageKernels.Filter.LANCZOS3, workspace.bytes());
      }
      maskKernels.binarize(bucketMask.bytes(), bucketMask.bytes(), plane, REPAINT_THRESHOLD);
      latentMask = steps.latentMask().downsample(place, bucketMask, bw, bh,
          bucket.latentWidth(), bucket.latentHeight());
      place.download(tensor, image);
      place.download(bucketMask, mask);
    }
    long[] shape = {1, 3, bh, bw};
    return new InpaintInputs(Tensor.ofFloats(shape, image),
        Tensor.ofFloats(shape, masked(image, mask, steps.maskedFill().value())), latentMask, bw,
        bh);
  }

  // image * (mask < 0.5): repaint pixels become the fill (0: mid-grey in [-1, 1]).
  private static float[] masked(float[] image, byte[] mask, float fill) {
    int plane = mask.length;
    float[] masked = image.clone();
    for (int c = 0; c < 3; c++) {
      for (int i = 0; i < plane; i++) {
        if (mask[i] != 0) {
          masked[c * plane + i] = fill;
        }
      }
    }
    return masked;
  }

  // One workspace serves both kernels; a place buffer holds at least one byte.
  private static long workspaceBytes(int ww, int wh, int bw, int bh) {
    return Math.max(1, Math.max(ImageKernels.vaePreprocessWorkspaceBytes(ww, wh, bw, bh),
        ImageKernels.resampleWorkspaceBytes(ww, wh, bw, bh, 1, ImageKernels.Filter.LANCZOS3)));
  }
}
