package org.segfill.engine.image;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/** Byte-array helpers for building and damaging test files. */
final class Bytes {
  private Bytes() {}

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.write(p, 0, p.length);
    }
    return out.toByteArray();
  }

  static byte[] insert(byte[] b, int at, byte[] inserted) {
    return concat(Arrays.copyOfRange(b, 0, at), inserted, Arrays.copyOfRange(b, at, b.length));
  }

  static byte[] remove(byte[] b, int from, int to) {
    return concat(Arrays.copyOfRange(b, 0, from), Arrays.copyOfRange(b, to, b.length));
  }

  static byte[] flip(byte[] b, int at) {
    byte[] c = b.clone();
    c[at] ^= 0x01;
    return c;
  }

  static byte[] ascii(String s) {
    return ImageFormat.ascii(s);
  }

  static byte[] of(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) values[i];
    }
    return b;
  }

  static byte[] u32be(long v) {
    return of((int) (v >>> 24), (int) (v >>> 16), (int) (v >>> 8), (int) v);
  }

  static byte[] u32le(long v) {
    return of((int) v, (int) (v >>> 8), (int) (v >>> 16), (int) (v >>> 24));
  }

  static byte[] u16be(int v) {
    return of(v >>> 8, v);
  }

  static byte[] u16le(int v) {
    return of(v, v >>> 8);
  }

  static void putU32le(byte[] b, int at, long v) {
    System.arraycopy(u32le(v), 0, b, at, 4);
  }

  static void putU16be(byte[] b, int at, int v) {
    System.arraycopy(u16be(v), 0, b, at, 2);
  }

  /** Index of the first occurrence of {@code needle} at or after {@code from}, or -1. */
  static int indexOf(byte[] hay, byte[] needle, int from) {
    outer:
    for (int i = Math.max(0, from); i <= hay.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /** A deterministic pattern where neighbouring samples differ: (x*7 + y*13 + c*101) mod 256. */
  static byte[] pattern(int width, int height, int channels) {
    byte[] b = new byte[width * height * channels];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        for (int c = 0; c < channels; c++) {
          b[(y * width + x) * channels + c] = (byte) (x * 7 + y * 13 + c * 101);
        }
      }
    }
    return b;
  }
}
