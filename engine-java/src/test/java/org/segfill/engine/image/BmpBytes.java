package org.segfill.engine.image;

/** Hand-made 24-bit BMP files, for the variants OpenCV does not write. */
final class BmpBytes {
  private BmpBytes() {}

  /**
   * A 24-bit BI_RGB BMP with a BITMAPINFOHEADER. {@code bgr} is given top row first; the file
   * stores rows bottom-up as usual, or top-down with a negative height when {@code topDown}.
   */
  static byte[] info24(int width, int height, byte[] bgr, boolean topDown) {
    int stride = (width * 3 + 3) / 4 * 4;
    byte[] pixels = new byte[stride * height];
    for (int y = 0; y < height; y++) {
      int fileRow = topDown ? y : height - 1 - y;
      System.arraycopy(bgr, y * width * 3, pixels, fileRow * stride, width * 3);
    }
    byte[] info = Bytes.concat(Bytes.u32le(40), Bytes.u32le(width),
        Bytes.u32le(topDown ? -height : height), Bytes.u16le(1), Bytes.u16le(24), Bytes.u32le(0),
        Bytes.u32le(pixels.length), Bytes.u32le(2835), Bytes.u32le(2835), Bytes.u32le(0),
        Bytes.u32le(0));
    return Bytes.concat(fileHeader(14 + 40 + pixels.length, 14 + 40), info, pixels);
  }

  /** A 24-bit BMP with the 12-byte BITMAPCOREHEADER (OS/2), rows bottom-up. */
  static byte[] core24(int width, int height, byte[] bgr) {
    int stride = (width * 3 + 3) / 4 * 4;
    byte[] pixels = new byte[stride * height];
    for (int y = 0; y < height; y++) {
      System.arraycopy(bgr, y * width * 3, pixels, (height - 1 - y) * stride, width * 3);
    }
    byte[] core = Bytes.concat(Bytes.u32le(12), Bytes.u16le(width), Bytes.u16le(height),
        Bytes.u16le(1), Bytes.u16le(24));
    return Bytes.concat(fileHeader(14 + 12 + pixels.length, 14 + 12), core, pixels);
  }

  private static byte[] fileHeader(int fileSize, int pixelOffset) {
    return Bytes.concat(Bytes.ascii("BM"), Bytes.u32le(fileSize), Bytes.u32le(0),
        Bytes.u32le(pixelOffset));
  }
}
