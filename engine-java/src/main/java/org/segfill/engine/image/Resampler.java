package org.segfill.engine.image;

import org.bytedeco.javacpp.BytePointer;
import org.segfill.kernels.ImageKernels;
import org.segfill.kernels.KernelTarget;

/**
 * PIL-exact resizing of 8-bit images (RGB or one channel) in our resample kernel on the CPU twin:
 * Lanczos3 for SDXL's image and mask processing (model contract B6, part 0 item 7) and bilinear,
 * both antialiased when downscaling as PIL is.
 */
public final class Resampler {

  private final ImageKernels kernels = new ImageKernels(KernelTarget.cpu());

  /** {@code image} resized to {@code width x height}. */
  public RgbImage resize(RgbImage image, int width, int height, ImageKernels.Filter filter) {
    if (image.width() == width && image.height() == height) {
      return image;
    }
    byte[] out = resize(image.rgb(), image.width(), image.height(), 3, width, height, filter);
    return new RgbImage(width, height, out);
  }

  /** A one-channel {@code w x h} image (e.g. a mask) resized to {@code width x height}. */
  public byte[] resizeGray(byte[] gray, int w, int h, int width, int height,
      ImageKernels.Filter filter) {
    if (gray.length != (long) w * h) {
      throw new IllegalArgumentException("gray: " + (long) w * h + " bytes expected for " + w
          + "x" + h + ", got " + gray.length);
    }
    if (w == width && h == height) {
      return gray.clone();
    }
    return resize(gray, w, h, 1, width, height, filter);
  }

  private byte[] resize(byte[] pixels, int w, int h, int channels, int width, int height,
      ImageKernels.Filter filter) {
    long workspaceBytes =
        ImageKernels.resampleWorkspaceBytes(w, h, width, height, channels, filter);
    byte[] result = new byte[Math.multiplyExact(Math.multiplyExact(width, height), channels)];
    try (BytePointer in = new BytePointer(pixels);
        BytePointer out = new BytePointer(result.length);
        BytePointer workspace = new BytePointer(workspaceBytes)) {
      kernels.resample(in, w, h, channels, out, width, height, filter, workspace);
      out.get(result);
    }
    return result;
  }
}
