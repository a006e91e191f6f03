package org.segfill.engine.image;

/**
 * WebP container checks: a RIFF file of form type WEBP holding a lossy ({@code VP8 }), lossless
 * ({@code VP8L}) or extended ({@code VP8X}) image.
 *
 * <p>The header is the VP8X canvas size when present, else the VP8/VP8L frame size; the
 * orientation comes from an EXIF chunk. The file is whole when the RIFF size fits in it, every
 * chunk lies inside the RIFF size, and an image chunk is present. Bytes after the RIFF size are
 * allowed and dropped by re-encoding. Animated WebP is refused as unsupported, like APNG.
 */
final class WebpStructure implements ImageStructure {
  private static final int RIFF_HEADER = 12;
  private static final int CHUNK_HEADER = 8;
  private static final int VP8X_ANIMATION = 0x02;
  private static final byte[] EXIF_ID = {'E', 'x', 'i', 'f', 0, 0};

  @Override
  public ImageHeader header(byte[] webp) {
    long end = riffEnd(webp);
    long offset = RIFF_HEADER;
    String first = FileBytes.ascii(webp, offset, 4, "WebP first chunk");
    long size = chunkSize(webp, offset, end);
    long data = offset + CHUNK_HEADER;
    switch (first) {
      case "VP8 ":
        return lossyHeader(webp, data, size);
      case "VP8L":
        return losslessHeader(webp, data, size);
      case "VP8X":
        return extendedHeader(webp, data, size, end);
      default:
        throw ImageRejectedException.corrupt("WebP starts with an unknown chunk '"
            + PngChunks.printable(first) + "'");
    }
  }

  @Override
  public void checkIntegrity(byte[] webp) {
    long end = riffEnd(webp);
    boolean image = false;
    for (long offset = RIFF_HEADER; offset < end; ) {
      String type = FileBytes.ascii(webp, offset, 4, "WebP chunk type");
      long size = chunkSize(webp, offset, end);
      image |= type.equals("VP8 ") || type.equals("VP8L");
      offset += CHUNK_HEADER + size + (size & 1);
    }
    if (!image) {
      throw ImageRejectedException.corrupt("WebP holds no image chunk (VP8 or VP8L)");
    }
  }

  /** The end of the RIFF payload, which must fit in the file. */
  private static long riffEnd(byte[] webp) {
    long riffSize = FileBytes.u32le(webp, 4, "RIFF header");
    long end = 8 + riffSize;
    if (riffSize < 4 + CHUNK_HEADER) {
      throw ImageRejectedException.corrupt("RIFF size " + riffSize + " is too small for WebP");
    }
    if (end > webp.length) {
      throw ImageRejectedException.corrupt("RIFF size says " + end + " bytes but the file has "
          + webp.length + " (truncated?)");
    }
    return end;
  }

  /** The size of the chunk at {@code offset}, whose data (and pad byte) must end by {@code end}. */
  private static long chunkSize(byte[] webp, long offset, long end) {
    String part = "WebP chunk at byte " + offset;
    if (offset + CHUNK_HEADER > end) {
      throw ImageRejectedException.corrupt(part + " runs past the RIFF size");
    }
    long size = FileBytes.u32le(webp, offset + 4, part);
    // The pad byte of an odd-sized final chunk is sometimes missing; libwebp tolerates that too.
    if (offset + CHUNK_HEADER + size > end) {
      throw ImageRejectedException.corrupt(part + " runs past the RIFF size");
    }
    return size;
  }

  /** VP8 key frame: 3-byte frame tag, start code 9D 01 2A, then 14-bit width and height. */
  private static ImageHeader lossyHeader(byte[] webp, long data, long size) {
    if (size < 10) {
      throw ImageRejectedException.corrupt("WebP VP8 chunk is too short for a frame header");
    }
    if ((FileBytes.u8(webp, data, "WebP VP8") & 1) != 0) {
      throw ImageRejectedException.corrupt("WebP VP8 data does not start with a key frame");
    }
    if (FileBytes.u8(webp, data + 3, "WebP VP8") != 0x9D
        || FileBytes.u8(webp, data + 4, "WebP VP8") != 0x01
        || FileBytes.u8(webp, data + 5, "WebP VP8") != 0x2A) {
      throw ImageRejectedException.corrupt("WebP VP8 frame has no start code");
    }
    int width = FileBytes.u16le(webp, data + 6, "WebP VP8") & 0x3FFF;
    int height = FileBytes.u16le(webp, data + 8, "WebP VP8") & 0x3FFF;
    return header(width, height, ExifOrientation.NONE);
  }

  /** VP8L: signature 0x2F, then 14 bits width - 1 and 14 bits height - 1, little-endian. */
  private static ImageHeader losslessHeader(byte[] webp, long data, long size) {
    if (size < 5) {
      throw ImageRejectedException.corrupt("WebP VP8L chunk is too short for a header");
    }
    if (FileBytes.u8(webp, data, "WebP VP8L") != 0x2F) {
      throw ImageRejectedException.corrupt("WebP VP8L chunk has no 0x2F signature");
    }
    long bits = FileBytes.u32le(webp, data + 1, "WebP VP8L");
    int width = (int) (bits & 0x3FFF) + 1;
    int height = (int) ((bits >>> 14) & 0x3FFF) + 1;
    if ((bits >>> 29) != 0) {
      throw ImageRejectedException.corrupt("WebP VP8L has an unknown version " + (bits >>> 29));
    }
    return header(width, height, ExifOrientation.NONE);
  }

  /** VP8X: flags, 3 reserved bytes, then 24-bit canvas width - 1 and height - 1. */
  private static ImageHeader extendedHeader(byte[] webp, long data, long size, long end) {
    if (size < 10) {
      throw ImageRejectedException.corrupt("WebP VP8X chunk is too short");
    }
    int flags = FileBytes.u8(webp, data, "WebP VP8X");
    if ((flags & VP8X_ANIMATION) != 0) {
      throw ImageRejectedException.unsupported(
          "animated WebP is not supported; send a single still image");
    }
    int width = FileBytes.u24le(webp, data + 4, "WebP VP8X") + 1;
    int height = FileBytes.u24le(webp, data + 7, "WebP VP8X") + 1;
    return header(width, height, exifOrientation(webp, data + size + (size & 1), end));
  }

  /** The orientation in the first EXIF chunk at or after {@code offset}, or 1. */
  private static int exifOrientation(byte[] webp, long offset, long end) {
    while (offset + CHUNK_HEADER <= end) {
      String type = FileBytes.ascii(webp, offset, 4, "WebP chunk type");
      long size = chunkSize(webp, offset, end);
      if (type.equals("EXIF")) {
        long tiff = offset + CHUNK_HEADER;
        // Some writers keep JPEG's "Exif\0\0" prefix in front of the TIFF block.
        if (size >= EXIF_ID.length && ImageFormat.startsWith(webp, (int) tiff, EXIF_ID)) {
          tiff += EXIF_ID.length;
          size -= EXIF_ID.length;
        }
        return ExifOrientation.read(webp, (int) tiff, (int) size);
      }
      offset += CHUNK_HEADER + size + (size & 1);
    }
    return ExifOrientation.NONE;
  }

  private static ImageHeader header(int width, int height, int orientation) {
    if (width == 0 || height == 0) {
      throw ImageRejectedException.corrupt("WebP gives an invalid size " + width + "x" + height);
    }
    return new ImageHeader(ImageFormat.WEBP, width, height, orientation);
  }
}
