package org.segfill.engine.image;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/** Hand-made PNG files and chunks for tests: any colour type, bit depth and extra chunk. */
final class PngBytes {
  static final byte[] SIGNATURE = Bytes.of(0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n');

  private PngBytes() {}

  /** A chunk with a correct length and CRC. */
  static byte[] chunk(String type, byte[] data) {
    byte[] t = Bytes.ascii(type);
    CRC32 crc = new CRC32();
    crc.update(t);
    crc.update(data);
    return Bytes.concat(Bytes.u32be(data.length), t, data, Bytes.u32be(crc.getValue()));
  }

  static byte[] ihdr(long width, long height, int depth, int colourType) {
    return chunk("IHDR", Bytes.concat(Bytes.u32be(width), Bytes.u32be(height),
        Bytes.of(depth, colourType, 0, 0, 0)));
  }

  /**
   * A PNG of packed scanlines ({@code rows[y]} without the filter byte; filter 0 is added), with
   * {@code before} chunks between IHDR and IDAT.
   */
  static byte[] png(int width, int height, int depth, int colourType, byte[][] rows,
      byte[]... before) {
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    for (byte[] row : rows) {
      raw.write(0);
      raw.write(row, 0, row.length);
    }
    return Bytes.concat(SIGNATURE, ihdr(width, height, depth, colourType), Bytes.concat(before),
        chunk("IDAT", deflate(raw.toByteArray())), chunk("IEND", new byte[0]));
  }

  static byte[] deflate(byte[] data) {
    Deflater d = new Deflater();
    d.setInput(data);
    d.finish();
    byte[] buf = new byte[data.length + 64];
    int n = d.deflate(buf);
    d.end();
    return Arrays.copyOf(buf, n);
  }

  /** Inserts {@code chunk} right after IHDR (byte 33). */
  static byte[] afterIhdr(byte[] png, byte[] chunk) {
    return Bytes.insert(png, 33, chunk);
  }

  /** Offset of the first chunk of {@code type}, walking the chunk list. */
  static int find(byte[] png, String type) {
    int at = 8;
    while (at + 8 <= png.length) {
      int length = (int) FileBytes.u32be(png, at, "test");
      if (FileBytes.ascii(png, at + 4, 4, "test").equals(type)) {
        return at;
      }
      at += 12 + length;
    }
    throw new AssertionError("no " + type + " chunk");
  }
}
