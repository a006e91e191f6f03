package org.segfill.server;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.segfill.engine.image.RgbImage;

/** Hostile and broken image files for the bad-input tests. */
final class Fixtures {

  private Fixtures() {}

  /** A JPEG of {@code image} cut at half its length (no EOI marker). */
  static byte[] truncatedJpeg(RgbImage image) {
    byte[] jpeg = jpeg(image);
    return Arrays.copyOf(jpeg, jpeg.length / 2);
  }

  /** {@code image} as a baseline JPEG, written by the JDK. */
  static byte[] jpeg(RgbImage image) {
    BufferedImage b = new BufferedImage(image.width(), image.height(),
        BufferedImage.TYPE_INT_RGB);
    byte[] rgb = image.rgb();
    for (int i = 0; i < image.width() * image.height(); i++) {
      int p = ((rgb[3 * i] & 0xff) << 16) | ((rgb[3 * i + 1] & 0xff) << 8)
          | (rgb[3 * i + 2] & 0xff);
      b.setRGB(i % image.width(), i / image.width(), p);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(b, "jpg", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** A tiny, well-formed PNG whose IHDR claims {@code width x height} (a decompression bomb). */
  static byte[] pngClaiming(int width, int height) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height)
        .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
    chunk(out, "IHDR", ihdr.array());
    chunk(out, "IDAT", new byte[] {0x78, (byte) 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01});
    chunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  /** The first bytes of a GIF. */
  static byte[] gif() {
    return "GIF89a\u0001\u0000\u0001\u0000\u0000\u0000\u0000;".getBytes(
        StandardCharsets.ISO_8859_1);
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
    byte[] t = type.getBytes(StandardCharsets.US_ASCII);
    out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
    out.writeBytes(t);
    out.writeBytes(data);
    CRC32 crc = new CRC32();
    crc.update(t);
    crc.update(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }
}
