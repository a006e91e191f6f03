package org.segfill.engine.image;

/**
 * Decodes the pixels of a file whose header, limits and integrity were already checked. This is
 * the only step that calls a native codec; {@link ImageDecoder} takes it as a seam so tests can
 * prove that refused files never reach it.
 */
interface PixelDecoder {

  /** Which channels the caller wants. */
  enum Layout {
    /** Always 3 channels, R, G, B. */
    RGB,
    /** The file's own channels: 1 (gray), 3 (RGB) or 4 (RGBA). */
    STORED
  }

  /** Decodes {@code file} to 8-bit pixels with EXIF orientation applied. */
  DecodedPixels decode(byte[] file, ImageHeader header, Layout layout);
}
