package org.segfill.engine.image;

import java.util.Objects;

/** An 8-bit RGB image, rows top to bottom, pixels interleaved as R, G, B. */
public record RgbImage(int width, int height, byte[] rgb) {

  public RgbImage {
    if (width <= 0) {
      throw new IllegalArgumentException("width must be > 0, got " + width);
    }
    if (height <= 0) {
      throw new IllegalArgumentException("height must be > 0, got " + height);
    }
    Objects.requireNonNull(rgb, "rgb must not be null");
    long expected = (long) width * height * 3;
    if (rgb.length != expected) {
      throw new IllegalArgumentException(
          "rgb.length must be width*height*3 = " + expected + ", got " + rgb.length);
    }
  }
}
