package org.segfill.engine.image;

/**
 * The container layer of one format: reads the header and checks that the file is whole, without
 * decoding pixels. Implementations are stateless; every read is bounds-checked and failures are
 * {@link ImageRejectedException}s.
 */
interface ImageStructure {

  /** Reads width, height and orientation; refuses variants we do not decode. */
  ImageHeader header(byte[] file);

  /** Refuses a truncated or inconsistent file; called after the header passed the limits. */
  void checkIntegrity(byte[] file);

  /** The structure reader for {@code format}. */
  static ImageStructure of(ImageFormat format) {
    return switch (format) {
      case JPEG -> new JpegStructure();
      case PNG -> new PngStructure();
      case WEBP -> new WebpStructure();
      case BMP -> new BmpStructure();
    };
  }
}
