package org.segfill.engine.image;

import java.util.Objects;

/**
 * Decoded 8-bit pixels with the channel count the file stored: 1 (gray), 3 (R, G, B) or 4 (R, G,
 * B, A), interleaved, rows top to bottom. This is what an uploaded mask needs, see
 * {@code org.segfill.engine.mask.UploadedMask#toMask}.
 *
 * @param width width in pixels, after EXIF orientation
 * @param height height in pixels, after EXIF orientation
 * @param channels 1, 3 or 4
 * @param pixels width * height * channels bytes
 */
public record DecodedPixels(int width, int height, int channels, byte[] pixels) {

  public DecodedPixels {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("width and height must be > 0, got " + width + "x"
          + height);
    }
    if (channels != 1 && channels != 3 && channels != 4) {
      throw new IllegalArgumentException("channels must be 1, 3 or 4, got " + channels);
    }
    Objects.requireNonNull(pixels, "pixels must not be null");
    long expected = (long) width * height * channels;
    if (pixels.length != expected) {
      throw new IllegalArgumentException("pixels must hold width * height * channels = "
          + expected + " bytes, got " + pixels.length);
    }
  }
}
