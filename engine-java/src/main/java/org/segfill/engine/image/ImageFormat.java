package org.segfill.engine.image;

import java.util.Optional;

/**
 * The image formats segfill accepts, recognised from their first bytes (never from a file name or
 * a Content-Type). GIF, TIFF, ICO, SVG and everything else are unsupported.
 */
public enum ImageFormat {
  /** JPEG (JFIF or Exif): starts with FF D8 FF. */
  JPEG("image/jpeg", "jpg"),
  /** PNG: starts with the 8-byte PNG signature. */
  PNG("image/png", "png"),
  /** WebP: a RIFF container whose form type is WEBP. */
  WEBP("image/webp", "webp"),
  /** Windows bitmap: starts with "BM". */
  BMP("image/bmp", "bmp");

  private static final byte[] PNG_SIGNATURE = {
    (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'
  };

  private final String mimeType;
  private final String extension;

  ImageFormat(String mimeType, String extension) {
    this.mimeType = mimeType;
    this.extension = extension;
  }

  /** The IANA media type, e.g. {@code image/png}. */
  public String mimeType() {
    return mimeType;
  }

  /** The usual file extension without the dot, e.g. {@code png}. */
  public String extension() {
    return extension;
  }

  /** The format whose magic bytes start {@code bytes}, or empty when none does. */
  public static Optional<ImageFormat> detect(byte[] bytes) {
    if (bytes == null) {
      return Optional.empty();
    }
    if (startsWith(bytes, 0, PNG_SIGNATURE)) {
      return Optional.of(PNG);
    }
    if (startsWith(bytes, 0, (byte) 0xFF, (byte) 0xD8, (byte) 0xFF)) {
      return Optional.of(JPEG);
    }
    if (bytes.length >= 12 && startsWith(bytes, 0, ascii("RIFF"))
        && startsWith(bytes, 8, ascii("WEBP"))) {
      return Optional.of(WEBP);
    }
    // "BM" alone is two printable letters; a text file could start with it. The header reader
    // refuses such files as corrupt once it finds no valid DIB header.
    if (startsWith(bytes, 0, (byte) 'B', (byte) 'M')) {
      return Optional.of(BMP);
    }
    return Optional.empty();
  }

  static byte[] ascii(String s) {
    byte[] b = new byte[s.length()];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) s.charAt(i);
    }
    return b;
  }

  static boolean startsWith(byte[] bytes, int offset, byte... prefix) {
    if (bytes.length - offset < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (bytes[offset + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
