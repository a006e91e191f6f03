package org.segfill.engine.image;

/**
 * Reads the EXIF Orientation tag (0x0112) from a TIFF-structured EXIF block, as found in a JPEG
 * APP1 "Exif" segment, a PNG eXIf chunk or a WebP EXIF chunk.
 *
 * <p>Values follow the EXIF standard: 1 stored as displayed; 2 mirrored left-right; 3 turned 180
 * degrees; 4 mirrored top-bottom; 5 transposed (mirrored along the main diagonal); 6 needs a
 * quarter turn clockwise; 7 transversed (mirrored along the other diagonal); 8 needs a quarter
 * turn counter-clockwise. 5 to 8 swap width and height.
 *
 * <p>Metadata must not cost the user a photo: an EXIF block that is malformed, truncated, or
 * holds an orientation outside 1..8 counts as orientation 1 instead of refusing the image.
 */
final class ExifOrientation {
  /** Orientation when a file has none: stored as displayed. */
  static final int NONE = 1;

  private static final int ORIENTATION_TAG = 0x0112;
  private static final int TYPE_SHORT = 3;
  private static final int ENTRY_SIZE = 12;

  private ExifOrientation() {}

  /**
   * The orientation in the TIFF block at {@code file[start .. start + length)}, or {@link #NONE}.
   * The block must lie inside the file; nothing outside it is read.
   */
  static int read(byte[] file, int start, int length) {
    if (start < 0 || length < 8 || (long) start + length > file.length) {
      return NONE;
    }
    boolean little;
    if (file[start] == 'I' && file[start + 1] == 'I') {
      little = true;
    } else if (file[start] == 'M' && file[start + 1] == 'M') {
      little = false;
    } else {
      return NONE;
    }
    Block b = new Block(file, start, length, little);
    if (b.u16(2) != 42) {
      return NONE;
    }
    long ifd = b.u32(4);
    int count = b.u16(ifd);
    for (int i = 0; i < count; i++) {
      long entry = ifd + 2 + (long) ENTRY_SIZE * i;
      if (entry + ENTRY_SIZE > length) {
        return NONE;
      }
      if (b.u16(entry) == ORIENTATION_TAG) {
        // A SHORT value of count 1 sits left-justified in the 4-byte value field.
        if (b.u16(entry + 2) != TYPE_SHORT || b.u32(entry + 4) != 1) {
          return NONE;
        }
        int v = b.u16(entry + 8);
        return v >= 1 && v <= 8 ? v : NONE;
      }
    }
    return NONE;
  }

  /** A bounded view of the TIFF block; reads outside it give -1, which no caller accepts. */
  private record Block(byte[] file, int start, int length, boolean little) {
    int u16(long at) {
      if (at < 0 || at + 2 > length) {
        return -1;
      }
      int i = start + (int) at;
      int a = file[i] & 0xFF;
      int b = file[i + 1] & 0xFF;
      return little ? b << 8 | a : a << 8 | b;
    }

    long u32(long at) {
      if (at < 0 || at + 4 > length) {
        return -1;
      }
      long hi = u16(little ? at + 2 : at);
      long lo = u16(little ? at : at + 2);
      return hi << 16 | lo;
    }
  }
}
