package org.segfill.engine.mask;

import org.segfill.kernels.Args;

/**
 * Turns an uploaded mask image's decoded pixels (1, 3 or 4 channels, 8 bits each) into a binary
 * {@link Mask} of the edited image's size.
 *
 * <p>Gray and RGB use Pillow's "L" luma in its fixed-point form, (19595 R + 38470 G + 7471 B +
 * 32768) >> 16, which is 0.299 R + 0.587 G + 0.114 B rounded the way Pillow does. RGBA uses the
 * alpha channel when any alpha is below 255 (a transparency mask), and the luma of the colour
 * otherwise (an opaque black-and-white PNG). The result is 255 where that value is >= 128.
 */
public final class UploadedMask {
  private UploadedMask() {}

  /**
   * Converts {@code pixels} (width * height * channels bytes, row-major, interleaved) into a mask.
   *
   * @throws IllegalArgumentException for bad channels or length, or a size other than the image's
   */
  public static Mask toMask(int imageWidth, int imageHeight, int width, int height, int channels,
      byte[] pixels) {
    Mask.checkSize(imageWidth, imageHeight);
    Mask.checkSize(width, height);
    if (channels != 1 && channels != 3 && channels != 4) {
      throw new IllegalArgumentException("channels must be 1, 3 or 4, got " + channels);
    }
    Args.notNull("pixels", pixels);
    if (width != imageWidth || height != imageHeight) {
      throw new IllegalArgumentException("uploaded mask is " + width + "x" + height
          + " but the image is " + imageWidth + "x" + imageHeight
          + "; the mask must have the image's size");
    }
    long expected = (long) width * height * channels;
    if (pixels.length != expected) {
      throw new IllegalArgumentException("pixels must hold width * height * channels = "
          + expected + " bytes, got " + pixels.length);
    }
    int n = width * height;
    byte[] out = new byte[n];
    boolean useAlpha = channels == 4 && hasTransparency(pixels);
    for (int i = 0; i < n; i++) {
      int v;
      if (channels == 1) {
        v = pixels[i] & 0xff;
      } else if (useAlpha) {
        v = pixels[4 * i + 3] & 0xff;
      } else {
        int o = channels * i;
        v = luma(pixels[o] & 0xff, pixels[o + 1] & 0xff, pixels[o + 2] & 0xff);
      }
      out[i] = v >= MaskEditor.BINARY_THRESHOLD ? (byte) 255 : 0;
    }
    return Mask.of(width, height, out);
  }

  /** Pillow's "L" conversion of one RGB pixel. */
  static int luma(int r, int g, int b) {
    return (19595 * r + 38470 * g + 7471 * b + 32768) >> 16;
  }

  private static boolean hasTransparency(byte[] rgba) {
    for (int i = 3; i < rgba.length; i += 4) {
      if (rgba[i] != (byte) 255) {
        return true;
      }
    }
    return false;
  }
}
