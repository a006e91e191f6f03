package org.segfill.engine.image;

import org.segfill.kernels.MaskKernels;

/**
 * Upper bounds for an uploaded image: its size in bytes, and the pixel count and longest side of
 * its decoded pixels. The pixel bounds are checked on the header, before any pixel is allocated.
 *
 * @param maxBytes largest accepted file, in bytes
 * @param maxPixels largest accepted width * height
 * @param maxSide largest accepted width and height, in pixels
 */
public record ImageLimits(long maxBytes, long maxPixels, int maxSide) {

  /** Default byte limit: 25 MiB. */
  public static final long DEFAULT_MAX_BYTES = 25L * 1024 * 1024;

  /** Default pixel limit: 40 megapixels, which covers most phone photos. */
  public static final long DEFAULT_MAX_PIXELS = 40_000_000L;

  /** Default side limit in pixels. */
  public static final int DEFAULT_MAX_SIDE = 8192;

  /** Byte limits above this do not fit in one Java array. */
  public static final long MAX_BYTES_CAP = Integer.MAX_VALUE - 8;

  /**
   * Pixel limits above this would not fit a decoded 4-channel mask image in one Java array
   * (4 * 500,000,000 < 2^31).
   */
  public static final long MAX_PIXELS_CAP = 500_000_000L;

  public ImageLimits {
    if (maxBytes < 1 || maxBytes > MAX_BYTES_CAP) {
      throw new IllegalArgumentException(
          "maxBytes must be in [1, " + MAX_BYTES_CAP + "], got " + maxBytes);
    }
    if (maxPixels < 1 || maxPixels > MAX_PIXELS_CAP) {
      throw new IllegalArgumentException(
          "maxPixels must be in [1, " + MAX_PIXELS_CAP + "], got " + maxPixels);
    }
    // Every accepted image must be maskable, and masks stop at the kernels' side limit.
    if (maxSide < 1 || maxSide > MaskKernels.MAX_SIDE) {
      throw new IllegalArgumentException(
          "maxSide must be in [1, " + MaskKernels.MAX_SIDE + "], got " + maxSide);
    }
  }

  /** 25 MiB, 40,000,000 pixels, 8192 px per side. */
  public static ImageLimits defaults() {
    return new ImageLimits(DEFAULT_MAX_BYTES, DEFAULT_MAX_PIXELS, DEFAULT_MAX_SIDE);
  }

  /** Refuses a file of {@code length} bytes: EMPTY when 0, TOO_LARGE above {@link #maxBytes}. */
  void checkBytes(long length) {
    if (length == 0) {
      throw new ImageRejectedException(ImageRejectedException.Kind.EMPTY, "image: empty (0 bytes)");
    }
    if (length > maxBytes) {
      throw ImageRejectedException.tooLarge(
          length + " bytes; at most " + maxBytes + " bytes" + inMebibytes(maxBytes) + " allowed");
    }
  }

  /**
   * Refuses a width x height image over the pixel or side limit. Both bounds are the same for
   * the image turned a quarter (EXIF orientation), so one check covers both orientations.
   */
  void checkDimensions(int width, int height) {
    long pixels = (long) width * height;
    if (pixels > maxPixels) {
      throw ImageRejectedException.tooLarge(width + "x" + height + " is " + pixels
          + " pixels; at most " + maxPixels + " allowed");
    }
    int side = Math.max(width, height);
    if (side > maxSide) {
      throw ImageRejectedException.tooLarge(width + "x" + height + " has a side of " + side
          + " px; at most " + maxSide + " px per side allowed");
    }
  }

  /** " (25 MiB)" for a whole number of mebibytes, else nothing. */
  private static String inMebibytes(long bytes) {
    long mib = 1024L * 1024;
    return bytes % mib == 0 ? " (" + bytes / mib + " MiB)" : "";
  }
}
