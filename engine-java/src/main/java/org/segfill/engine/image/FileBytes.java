package org.segfill.engine.image;

/**
 * Bounds-checked reads of fixed-width integers from an uploaded file. A read past the end throws
 * a CORRUPT {@link ImageRejectedException} naming the part being read, so that a malformed header
 * can never surface as an {@link ArrayIndexOutOfBoundsException}.
 */
final class FileBytes {
  private FileBytes() {}

  /** Requires {@code count} bytes at {@code offset}; {@code part} names them in the message. */
  static void require(byte[] file, long offset, long count, String part) {
    if (offset < 0 || count < 0 || offset + count > file.length) {
      throw ImageRejectedException.corrupt(part + " runs past the end of the file (byte "
          + (offset + count) + " of " + file.length + ")");
    }
  }

  static int u8(byte[] file, long offset, String part) {
    require(file, offset, 1, part);
    return file[(int) offset] & 0xFF;
  }

  static int u16be(byte[] file, long offset, String part) {
    require(file, offset, 2, part);
    int i = (int) offset;
    return (file[i] & 0xFF) << 8 | (file[i + 1] & 0xFF);
  }

  static int u16le(byte[] file, long offset, String part) {
    require(file, offset, 2, part);
    int i = (int) offset;
    return (file[i + 1] & 0xFF) << 8 | (file[i] & 0xFF);
  }

  static int u24le(byte[] file, long offset, String part) {
    require(file, offset, 3, part);
    int i = (int) offset;
    return (file[i + 2] & 0xFF) << 16 | (file[i + 1] & 0xFF) << 8 | (file[i] & 0xFF);
  }

  static long u32be(byte[] file, long offset, String part) {
    require(file, offset, 4, part);
    int i = (int) offset;
    return (long) (file[i] & 0xFF) << 24 | (file[i + 1] & 0xFF) << 16
        | (file[i + 2] & 0xFF) << 8 | (file[i + 3] & 0xFF);
  }

  static long u32le(byte[] file, long offset, String part) {
    require(file, offset, 4, part);
    int i = (int) offset;
    return (long) (file[i + 3] & 0xFF) << 24 | (file[i + 2] & 0xFF) << 16
        | (file[i + 1] & 0xFF) << 8 | (file[i] & 0xFF);
  }

  static int i32le(byte[] file, long offset, String part) {
    return (int) u32le(file, offset, part);
  }

  /** The {@code length} bytes at {@code offset} as ASCII, e.g. a chunk type. */
  static String ascii(byte[] file, long offset, int length, String part) {
    require(file, offset, length, part);
    char[] c = new char[length];
    for (int i = 0; i < length; i++) {
      c[i] = (char) (file[(int) offset + i] & 0xFF);
    }
    return new String(c);
  }
}
