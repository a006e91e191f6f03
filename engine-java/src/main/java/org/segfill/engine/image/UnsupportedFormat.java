package org.segfill.engine.image;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Names the format of a file that {@link ImageFormat#detect} did not accept, so that the refusal
 * says "GIF is not supported" instead of only "unknown format". Recognition here is a courtesy
 * for the message and decides nothing.
 */
final class UnsupportedFormat {
  private UnsupportedFormat() {}

  /** The refusal for {@code bytes}, none of whose magic bytes are accepted. */
  static ImageRejectedException refusal(byte[] bytes) {
    String name = name(bytes);
    String accepted = "send JPEG, PNG, WebP or BMP";
    return ImageRejectedException.unsupported(name == null
        ? "not a JPEG, PNG, WebP or BMP file; " + accepted
        : name + " is not supported; " + accepted);
  }

  private static String name(byte[] b) {
    if (ImageFormat.startsWith(b, 0, ImageFormat.ascii("GIF87a"))
        || ImageFormat.startsWith(b, 0, ImageFormat.ascii("GIF89a"))) {
      return "GIF";
    }
    if (ImageFormat.startsWith(b, 0, (byte) 'I', (byte) 'I', (byte) 42, (byte) 0)
        || ImageFormat.startsWith(b, 0, (byte) 'M', (byte) 'M', (byte) 0, (byte) 42)) {
      return "TIFF";
    }
    if (ImageFormat.startsWith(b, 0, (byte) 0, (byte) 0, (byte) 1, (byte) 0)) {
      return "ICO";
    }
    if (ImageFormat.startsWith(b, 4, ImageFormat.ascii("ftyp"))) {
      return "HEIF/AVIF";
    }
    if (ImageFormat.startsWith(b, 0, ImageFormat.ascii("RIFF"))) {
      return "RIFF (not WebP)";
    }
    String head = new String(b, 0, Math.min(b.length, 256), StandardCharsets.ISO_8859_1)
        .stripLeading().toLowerCase(Locale.ROOT);
    if (head.startsWith("<svg") || (head.startsWith("<?xml") && head.contains("<svg"))) {
      return "SVG";
    }
    return null;
  }
}
