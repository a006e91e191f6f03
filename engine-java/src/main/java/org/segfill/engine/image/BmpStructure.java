package org.segfill.engine.image;

/**
 * BMP container checks: the 14-byte file header, then a BITMAPCOREHEADER (12 bytes) or a
 * BITMAPINFOHEADER-family header (40, 52, 56, 108 or 124 bytes). A negative height means the rows
 * are stored top-down. The file is whole when it holds the pixel array its header promises:
 * stride * height bytes for uncompressed and bit-field images, the header's image size for RLE.
 * JPEG- and PNG-compressed BMPs are unsupported.
 */
final class BmpStructure implements ImageStructure {
  private static final int FILE_HEADER = 14;
  private static final int CORE_HEADER = 12;
  private static final int BI_RGB = 0;
  private static final int BI_RLE8 = 1;
  private static final int BI_RLE4 = 2;
  private static final int BI_BITFIELDS = 3;

  /** The fields of the DIB header that the checks need. */
  private record Dib(int headerSize, int width, int height, int bitsPerPixel, long compression,
      long imageSize) {}

  @Override
  public ImageHeader header(byte[] bmp) {
    Dib dib = dib(bmp);
    return new ImageHeader(ImageFormat.BMP, dib.width(), Math.abs(dib.height()),
        ExifOrientation.NONE);
  }

  @Override
  public void checkIntegrity(byte[] bmp) {
    Dib dib = dib(bmp);
    long pixelOffset = FileBytes.u32le(bmp, 10, "BMP file header");
    if (pixelOffset < FILE_HEADER + dib.headerSize() || pixelOffset > bmp.length) {
      throw ImageRejectedException.corrupt("BMP pixel data offset " + pixelOffset
          + " lies outside the file");
    }
    long pixelBytes;
    if (dib.compression() == BI_RLE8 || dib.compression() == BI_RLE4) {
      pixelBytes = dib.imageSize();
      if (pixelBytes == 0) {
        throw ImageRejectedException.corrupt("RLE-compressed BMP does not give its data size");
      }
    } else {
      long stride = ((long) dib.width() * dib.bitsPerPixel() + 31) / 32 * 4;
      pixelBytes = stride * Math.abs((long) dib.height());
    }
    if (pixelOffset + pixelBytes > bmp.length) {
      throw ImageRejectedException.corrupt("BMP promises " + pixelBytes + " bytes of pixels at "
          + "byte " + pixelOffset + " but the file has " + bmp.length + " (truncated?)");
    }
  }

  private static Dib dib(byte[] bmp) {
    long headerSize = FileBytes.u32le(bmp, FILE_HEADER, "BMP DIB header");
    if (headerSize == CORE_HEADER) {
      FileBytes.require(bmp, FILE_HEADER, CORE_HEADER, "BMP DIB header");
      int width = FileBytes.u16le(bmp, 18, "BMP DIB header");
      int height = FileBytes.u16le(bmp, 20, "BMP DIB header");
      int planes = FileBytes.u16le(bmp, 22, "BMP DIB header");
      int bits = FileBytes.u16le(bmp, 24, "BMP DIB header");
      return check(new Dib(CORE_HEADER, width, height, bits, BI_RGB, 0), planes);
    }
    if (headerSize != 40 && headerSize != 52 && headerSize != 56 && headerSize != 108
        && headerSize != 124) {
      throw ImageRejectedException.corrupt("BMP has an unknown DIB header size " + headerSize);
    }
    FileBytes.require(bmp, FILE_HEADER, headerSize, "BMP DIB header");
    int width = FileBytes.i32le(bmp, 18, "BMP DIB header");
    int height = FileBytes.i32le(bmp, 22, "BMP DIB header");
    int planes = FileBytes.u16le(bmp, 26, "BMP DIB header");
    int bits = FileBytes.u16le(bmp, 28, "BMP DIB header");
    long compression = FileBytes.u32le(bmp, 30, "BMP DIB header");
    long imageSize = FileBytes.u32le(bmp, 34, "BMP DIB header");
    return check(new Dib((int) headerSize, width, height, bits, compression, imageSize), planes);
  }

  private static Dib check(Dib dib, int planes) {
    // Integer.MIN_VALUE has no positive counterpart, so it cannot be a top-down height.
    if (dib.width() <= 0 || dib.height() == 0 || dib.height() == Integer.MIN_VALUE) {
      throw ImageRejectedException.corrupt("BMP gives an invalid size " + dib.width() + "x"
          + dib.height());
    }
    if (planes != 1) {
      throw ImageRejectedException.corrupt("BMP has " + planes + " planes; 1 expected");
    }
    long c = dib.compression();
    int bits = dib.bitsPerPixel();
    boolean valid = switch ((int) Math.min(c, Integer.MAX_VALUE)) {
      case BI_RGB -> bits == 1 || bits == 4 || bits == 8 || bits == 16 || bits == 24
          || bits == 32;
      case BI_RLE8 -> bits == 8 && dib.height() > 0;
      case BI_RLE4 -> bits == 4 && dib.height() > 0;
      case BI_BITFIELDS -> bits == 16 || bits == 32;
      default -> throw ImageRejectedException.unsupported("BMP compression " + c
          + " is not supported; uncompressed, RLE and bit-field BMPs are");
    };
    if (!valid) {
      throw ImageRejectedException.corrupt("BMP compression " + c + " with " + bits
          + " bits per pixel (and height " + dib.height() + ") is not a valid combination");
    }
    return dib;
  }
}
