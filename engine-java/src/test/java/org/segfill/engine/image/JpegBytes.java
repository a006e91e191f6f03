package org.segfill.engine.image;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * A hand-made baseline JPEG of one 8x8 block per component, every sample the same value. Each
 * block holds only its DC coefficient (quantiser 1), 8 * (value - 128), so a decoder's inverse DCT
 * gives back the value exactly. Four components plus an Adobe APP14 segment with transform 0 make
 * a CMYK JPEG, which OpenCV cannot write.
 */
final class JpegBytes {
  private JpegBytes() {}

  /** An 8x8 JPEG whose component {@code i} is {@code values[i]} everywhere. */
  static byte[] solid(boolean adobeCmyk, int... values) {
    int n = values.length;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    write(out, 0xFF, 0xD8);
    if (adobeCmyk) {
      segment(out, 0xEE, Bytes.concat(Bytes.ascii("Adobe"), Bytes.of(0, 100, 0, 0, 0, 0, 0)));
    }
    byte[] ones = new byte[65];
    Arrays.fill(ones, 1, 65, (byte) 1);
    segment(out, 0xDB, ones);
    ByteArrayOutputStream sof = new ByteArrayOutputStream();
    write(sof, 8, 0, 8, 0, 8, n);
    for (int i = 0; i < n; i++) {
      write(sof, i + 1, 0x11, 0);
    }
    segment(out, 0xC0, sof.toByteArray());
    // DC table: categories 0..11, all 4-bit codes, so a category's code is its own value.
    byte[] dc = new byte[1 + 16 + 12];
    dc[0] = 0x00;
    dc[1 + 3] = 12;
    for (int c = 0; c < 12; c++) {
      dc[17 + c] = (byte) c;
    }
    segment(out, 0xC4, dc);
    // AC table: only end-of-block (0x00), code "0".
    byte[] ac = new byte[1 + 16 + 1];
    ac[0] = 0x10;
    ac[1] = 1;
    segment(out, 0xC4, ac);
    ByteArrayOutputStream sos = new ByteArrayOutputStream();
    write(sos, n);
    for (int i = 0; i < n; i++) {
      write(sos, i + 1, 0x00);
    }
    write(sos, 0, 63, 0);
    segment(out, 0xDA, sos.toByteArray());
    BitWriter bits = new BitWriter(out);
    for (int v : values) {
      int diff = 8 * (v - 128);
      int category = 32 - Integer.numberOfLeadingZeros(Math.abs(diff));
      bits.write(category, 4);
      if (category > 0) {
        bits.write(diff >= 0 ? diff : diff + (1 << category) - 1, category);
      }
      bits.write(0, 1);
    }
    bits.flush();
    write(out, 0xFF, 0xD9);
    return out.toByteArray();
  }

  /** Offset of the first segment with {@code marker} before the first scan, walking lengths. */
  static int find(byte[] jpeg, int marker) {
    int at = 2;
    while (at + 4 <= jpeg.length) {
      int m = jpeg[at + 1] & 0xFF;
      if (m == marker) {
        return at;
      }
      if (m == 0xDA) {
        break;
      }
      at += 2 + ((jpeg[at + 2] & 0xFF) << 8 | (jpeg[at + 3] & 0xFF));
    }
    throw new AssertionError(String.format("no FF%02X segment", marker));
  }

  /** {@code jpeg} with the first frame header's height and width replaced. */
  static byte[] withFrameSize(byte[] jpeg, int width, int height) {
    byte[] b = jpeg.clone();
    int sof = find(b, 0xC0);
    Bytes.putU16be(b, sof + 5, height);
    Bytes.putU16be(b, sof + 7, width);
    return b;
  }

  private static void segment(ByteArrayOutputStream out, int marker, byte[] data) {
    write(out, 0xFF, marker, (data.length + 2) >> 8, (data.length + 2) & 0xFF);
    out.write(data, 0, data.length);
  }

  private static void write(ByteArrayOutputStream out, int... bytes) {
    for (int b : bytes) {
      out.write(b);
    }
  }

  /** Entropy-coded bits, MSB first, with 0xFF stuffing and 1-bit padding. */
  private static final class BitWriter {
    private final ByteArrayOutputStream out;
    private int acc;
    private int count;

    BitWriter(ByteArrayOutputStream out) {
      this.out = out;
    }

    void write(int value, int n) {
      for (int i = n - 1; i >= 0; i--) {
        acc = acc << 1 | (value >>> i & 1);
        if (++count == 8) {
          emit();
        }
      }
    }

    void flush() {
      while (count != 0) {
        write(1, 1);
      }
    }

    private void emit() {
      out.write(acc);
      if (acc == 0xFF) {
        out.write(0);
      }
      acc = 0;
      count = 0;
    }
  }
}
