package org.segfill.engine.sdxl;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.segfill.engine.image.Resampler;
import org.segfill.engine.image.RgbImage;
import org.segfill.engine.inpaint.PasteBack;
import org.segfill.engine.inpaint.PixelRect;
import org.segfill.engine.inpaint.RepaintMask;
import org.segfill.kernels.ImageKernels;
import org.segfill.kernels.KernelTarget;
import org.segfill.kernels.MaskKernels;

/**
 * The SDXL pre- and post-processing as it ran before it moved to a kernel place: each kernel on
 * the CPU twin over its own host buffers, the resizes through {@link Resampler}, the paste-back
 * through {@link PasteBack}. The reference the place versions must equal byte for byte.
 */
final class HostPrePost {

  private HostPrePost() {}

  /** What {@link InpaintInputs} holds, as plain arrays. */
  record Inputs(float[] image, float[] maskedImage, float[] latentMask) {}

  /** The image and mask tensors for {@code window} at the {@code bucket} size. */
  static Inputs inputs(RgbImage original, RepaintMask repaint, PixelRect window,
      SdxlBuckets.Size bucket, float fill) {
    int bw = bucket.width();
    int bh = bucket.height();
    RgbImage crop = original.crop(window.x(), window.y(), window.width(), window.height());
    float[] image = new float[3 * bw * bh];
    try (BytePointer rgb = new BytePointer(crop.rgb());
        BytePointer workspace = new BytePointer(ImageKernels.vaePreprocessWorkspaceBytes(
            crop.width(), crop.height(), bw, bh));
        FloatPointer tensor = new FloatPointer(image.length)) {
      new ImageKernels(KernelTarget.cpu()).vaePreprocess(rgb, crop.width(), crop.height(),
          tensor, bw, bh, workspace);
      tensor.get(image);
    }
    byte[] region = window.crop(repaint.region(), original.width(), 1);
    byte[] mask = new Resampler().resizeGray(region, window.width(), window.height(), bw, bh,
        ImageKernels.Filter.LANCZOS3);
    for (int i = 0; i < mask.length; i++) {
      mask[i] = (mask[i] & 0xff) >= 128 ? (byte) 255 : 0;
    }
    int plane = bw * bh;
    float[] masked = image.clone();
    for (int c = 0; c < 3; c++) {
      for (int i = 0; i < plane; i++) {
        if (mask[i] != 0) {
          masked[c * plane + i] = fill;
        }
      }
    }
    int lw = bucket.latentWidth();
    int lh = bucket.latentHeight();
    float[] latent = new float[lw * lh];
    try (BytePointer in = new BytePointer(mask); FloatPointer out = new FloatPointer(lw * lh)) {
      new MaskKernels(KernelTarget.cpu()).downsampleNearest(in, bw, bh, out, lw, lh);
      out.get(latent);
    }
    return new Inputs(image, masked, latent);
  }

  /** The full-size composites of the {@code batch} decoded [3,height,width] images. */
  static List<RgbImage> composites(float[] decoded, int batch, int width, int height,
      RgbImage original, RepaintMask repaint, PixelRect window, boolean colorMatch) {
    int floats = 3 * width * height;
    byte[] windowAlpha = window.crop(repaint.alpha(), original.width(), 1);
    byte[] windowOriginal = window.crop(original.rgb(), original.width(), 3);
    List<RgbImage> out = new ArrayList<>();
    for (int v = 0; v < batch; v++) {
      byte[] rgb = new byte[floats];
      try (FloatPointer nchw = new FloatPointer(floats);
          BytePointer bytes = new BytePointer(floats)) {
        nchw.put(decoded, v * floats, floats);
        new ImageKernels(KernelTarget.cpu()).tensorToImage(nchw, width, height, bytes);
        bytes.get(rgb);
      }
      byte[] fitted = new Resampler().resize(new RgbImage(width, height, rgb), window.width(),
          window.height(), ImageKernels.Filter.LANCZOS3).rgb();
      if (colorMatch) {
        ColorMatch.apply(fitted, windowOriginal, windowAlpha);
      }
      out.add(new PasteBack().composite(original, repaint, window, fitted));
    }
    return out;
  }
}
