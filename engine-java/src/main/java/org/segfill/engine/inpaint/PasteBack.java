package org.segfill.engine.inpaint;

import org.bytedeco.javacpp.BytePointer;
import org.segfill.engine.image.RgbImage;
import org.segfill.kernels.KernelTarget;
import org.segfill.kernels.MaskKernels;

/**
 * Composites new content into the original photo through a {@link RepaintMask}'s alpha, with our
 * blend kernel on the CPU twin: out = (original * (255 - a) + new * a + 127) / 255 per channel,
 * so pixels whose alpha is 0 keep the original bytes exactly and those at 255 take the new bytes
 * exactly. Stateless; safe to share between threads.
 */
public final class PasteBack {
  private final MaskKernels kernels;

  /** Paste-back on the CPU twin of the kernels. */
  public PasteBack() {
    this.kernels = new MaskKernels(KernelTarget.cpu());
  }

  /**
   * Checks that content for {@code rect} can be composited into {@code original} through {@code
   * mask}: the same sizes, and {@code rect} inside the image holding every pixel with alpha > 0.
   * Shared with the paste-backs that run the blend kernel elsewhere (e.g. on a GPU place).
   *
   * @throws IllegalArgumentException when it cannot
   */
  public static void requireComposable(RgbImage original, RepaintMask mask, PixelRect rect) {
    if (original == null || mask == null || rect == null) {
      throw new IllegalArgumentException("original, mask and rect must not be null");
    }
    int w = original.width();
    int h = original.height();
    if (mask.width() != w || mask.height() != h) {
      throw new IllegalArgumentException("mask is " + mask.width() + "x" + mask.height()
          + " but the image is " + w + "x" + h + "; they must be the same size");
    }
    if (!rect.fitsIn(w, h)) {
      throw new IllegalArgumentException("rect " + rect + " leaves the " + w + "x" + h + " image");
    }
    if (!rect.contains(mask.bounds())) {
      throw new IllegalArgumentException("rect " + rect + " must contain every pixel with alpha"
          + " > 0 " + mask.bounds() + "; outside it they would silently keep the original");
    }
  }

  /**
   * Returns a new image: {@code original} with the {@code rect}-sized {@code generatedRgb}
   * (row-major RGB of the pixels in {@code rect}) blended in through {@code mask.alpha()}.
   *
   * @throws IllegalArgumentException when the mask's size differs from the image's, when
   *     {@code rect} leaves the image or misses a pixel whose alpha is above 0, or when
   *     {@code generatedRgb} does not hold rect's pixels
   */
  public RgbImage composite(
      RgbImage original, RepaintMask mask, PixelRect rect, byte[] generatedRgb) {
    requireComposable(original, mask, rect);
    if (generatedRgb == null || generatedRgb.length != rect.area() * 3) {
      throw new IllegalArgumentException("generatedRgb must hold " + rect.area() * 3
          + " bytes for " + rect + ", got "
          + (generatedRgb == null ? "null" : generatedRgb.length));
    }
    int w = original.width();
    int h = original.height();
    if (rect.isEmpty()) {
      return new RgbImage(w, h, original.rgb().clone());
    }
    try (BytePointer image = new BytePointer(original.rgb());
        BytePointer generated = new BytePointer(generatedRgb);
        BytePointer alpha = new BytePointer(rect.crop(mask.alpha(), w, 1))) {
      kernels.blend(image, w, h, 3, generated, alpha, rect.x(), rect.y(), rect.width(),
          rect.height(), image);
      byte[] out = new byte[original.rgb().length];
      image.get(out);
      return new RgbImage(w, h, out);
    }
  }
}
