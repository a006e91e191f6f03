package org.segfill.engine.image;

import java.util.Objects;

/**
 * What an image file's header says, read without decoding any pixel.
 *
 * @param format the format recognised from the magic bytes
 * @param width stored width in pixels, before EXIF orientation
 * @param height stored height in pixels, before EXIF orientation
 * @param orientation EXIF orientation 1..8 (1, "as stored", when the file has none); see
 *     {@link ExifOrientation}
 */
public record ImageHeader(ImageFormat format, int width, int height, int orientation) {

  public ImageHeader {
    Objects.requireNonNull(format, "format must not be null");
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("width and height must be > 0, got " + width + "x"
          + height);
    }
    if (orientation < 1 || orientation > 8) {
      throw new IllegalArgumentException("orientation must be in [1, 8], got " + orientation);
    }
  }

  /** True when the orientation turns the image a quarter, swapping width and height. */
  public boolean swapsSides() {
    return orientation >= 5;
  }

  /** Width of the decoded image, after EXIF orientation is applied. */
  public int orientedWidth() {
    return swapsSides() ? height : width;
  }

  /** Height of the decoded image, after EXIF orientation is applied. */
  public int orientedHeight() {
    return swapsSides() ? width : height;
  }
}
