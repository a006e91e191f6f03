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

  /**
   * The {@code w x h} window at ({@code x}, {@code y}), copied.
   *
   * @throws IllegalArgumentException if the window is empty or reaches outside the image
   */
  public RgbImage crop(int x, int y, int w, int h) {
    if (w < 1 || h < 1 || x < 0 || y < 0 || x + w > width || y + h > height) {
      throw new IllegalArgumentException("crop: window " + w + "x" + h + " at " + x + "," + y
          + " does not fit in " + width + "x" + height);
    }
    byte[] out = new byte[w * h * 3];
    for (int row = 0; row < h; row++) {
      System.arraycopy(rgb, ((y + row) * width + x) * 3, out, row * w * 3, w * 3);
    }
    return new RgbImage(w, h, out);
  }
}
