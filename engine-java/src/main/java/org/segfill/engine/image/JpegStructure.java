package org.segfill.engine.image;

/**
 * JPEG container checks, walking the marker segments from SOI.
 *
 * <p>The header is the first frame header (SOF0..SOF15 except DHT C4, JPG C8 and DAC CC) before
 * the first scan, and the orientation comes from the first APP1 "Exif" segment before it. The
 * file is whole when it holds a scan (SOS) and, after the last scan's entropy-coded data, an EOI
 * marker; bytes after EOI are allowed and dropped by re-encoding. Only 8-bit samples with 1, 3 or
 * 4 components (gray, YCbCr/RGB, CMYK/YCCK) are accepted.
 */
final class JpegStructure implements ImageStructure {
  private static final int SOI = 0xD8;
  private static final int EOI = 0xD9;
  private static final int SOS = 0xDA;
  private static final int APP1 = 0xE1;
  private static final int TEM = 0x01;
  private static final byte[] EXIF_ID = {'E', 'x', 'i', 'f', 0, 0};

  @Override
  public ImageHeader header(byte[] jpeg) {
    ImageHeader header = null;
    int orientation = ExifOrientation.NONE;
    boolean seenExif = false;
    int offset = 2;
    while (true) {
      int marker = markerAt(jpeg, offset);
      offset = afterMarker(jpeg, offset);
      if (marker == SOS) {
        if (header == null) {
          throw ImageRejectedException.corrupt("JPEG has a scan before any frame header (SOF)");
        }
        return new ImageHeader(ImageFormat.JPEG, header.width(), header.height(), orientation);
      }
      if (marker == EOI || marker == SOI) {
        throw ImageRejectedException.corrupt("JPEG has no "
            + (header == null ? "frame header (SOF)" : "scan (SOS)") + " before "
            + (marker == EOI ? "its end (EOI)" : "a second SOI"));
      }
      if (hasNoLength(marker)) {
        continue;
      }
      int length = segmentLength(jpeg, offset, marker);
      if (isFrameHeader(marker)) {
        if (header != null) {
          throw ImageRejectedException.corrupt("JPEG has two frame headers (SOF)");
        }
        header = frameHeader(jpeg, offset, length);
      } else if (marker == APP1 && !seenExif && isExif(jpeg, offset, length)) {
        seenExif = true;
        int tiff = offset + 2 + EXIF_ID.length;
        orientation = ExifOrientation.read(jpeg, tiff, length - 2 - EXIF_ID.length);
      }
      offset += length;
    }
  }

  @Override
  public void checkIntegrity(byte[] jpeg) {
    boolean seenScan = false;
    int offset = 2;
    while (true) {
      int marker = markerAt(jpeg, offset);
      offset = afterMarker(jpeg, offset);
      if (marker == EOI) {
        if (!seenScan) {
          throw ImageRejectedException.corrupt("JPEG has no scan (SOS) before its end (EOI)");
        }
        return;
      }
      if (marker == SOI) {
        throw ImageRejectedException.corrupt("JPEG has a second SOI marker before its EOI");
      }
      if (hasNoLength(marker)) {
        continue;
      }
      int length = segmentLength(jpeg, offset, marker);
      offset += length;
      if (marker == SOS) {
        seenScan = true;
        offset = afterEntropyCodedData(jpeg, offset);
      }
    }
  }

  /** The marker code at {@code offset}, after any 0xFF fill bytes. */
  private static int markerAt(byte[] jpeg, int offset) {
    if (offset >= jpeg.length) {
      throw ImageRejectedException.corrupt("JPEG ends without an EOI marker (truncated?)");
    }
    if ((jpeg[offset] & 0xFF) != 0xFF) {
      throw ImageRejectedException.corrupt("JPEG has no marker at byte " + offset);
    }
    int i = offset;
    while (i < jpeg.length && (jpeg[i] & 0xFF) == 0xFF) {
      i++;
    }
    if (i >= jpeg.length) {
      throw ImageRejectedException.corrupt("JPEG ends without an EOI marker (truncated?)");
    }
    int marker = jpeg[i] & 0xFF;
    if (marker == 0) {
      throw ImageRejectedException.corrupt("JPEG has a stray 0xFF00 at byte " + offset);
    }
    return marker;
  }

  /** The offset just past the marker at {@code offset} (its fill bytes and code). */
  private static int afterMarker(byte[] jpeg, int offset) {
    int i = offset;
    while ((jpeg[i] & 0xFF) == 0xFF) {
      i++;
    }
    return i + 1;
  }

  /** Markers that stand alone: TEM and the restart markers RST0..RST7. */
  private static boolean hasNoLength(int marker) {
    return marker == TEM || (marker >= 0xD0 && marker <= 0xD7);
  }

  private static boolean isFrameHeader(int marker) {
    return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8
        && marker != 0xCC;
  }

  /** The segment's length field (which counts itself), checked to lie inside the file. */
  private static int segmentLength(byte[] jpeg, int offset, int marker) {
    String part = String.format("JPEG segment FF%02X at byte %d", marker, offset - 2);
    int length = FileBytes.u16be(jpeg, offset, part);
    if (length < 2) {
      throw ImageRejectedException.corrupt(part + " has length " + length);
    }
    FileBytes.require(jpeg, offset, length, part);
    return length;
  }

  private static ImageHeader frameHeader(byte[] jpeg, int offset, int length) {
    if (length < 8) {
      throw ImageRejectedException.corrupt("JPEG frame header (SOF) is " + length
          + " bytes long; at least 8 expected");
    }
    int precision = FileBytes.u8(jpeg, offset + 2, "JPEG SOF");
    int height = FileBytes.u16be(jpeg, offset + 3, "JPEG SOF");
    int width = FileBytes.u16be(jpeg, offset + 5, "JPEG SOF");
    int components = FileBytes.u8(jpeg, offset + 7, "JPEG SOF");
    if (precision != 8) {
      throw ImageRejectedException.unsupported(precision + "-bit JPEG is not supported; "
          + "only 8-bit samples are");
    }
    if (components != 1 && components != 3 && components != 4) {
      throw ImageRejectedException.unsupported("JPEG with " + components
          + " components is not supported; 1 (gray), 3 (colour) or 4 (CMYK) are");
    }
    if (height == 0) {
      // Height 0 defers it to a DNL marker after the first scan, which decoders rarely support.
      throw ImageRejectedException.unsupported("JPEG whose height is given by a DNL marker "
          + "is not supported");
    }
    if (width == 0) {
      throw ImageRejectedException.corrupt("JPEG frame header (SOF) gives a width of 0");
    }
    if (length < 8 + 3 * components) {
      throw ImageRejectedException.corrupt("JPEG frame header (SOF) is too short for its "
          + components + " components");
    }
    return new ImageHeader(ImageFormat.JPEG, width, height, ExifOrientation.NONE);
  }

  private static boolean isExif(byte[] jpeg, int offset, int length) {
    return length >= 2 + EXIF_ID.length && ImageFormat.startsWith(jpeg, offset + 2, EXIF_ID);
  }

  /**
   * Skips a scan's entropy-coded data: the next marker is the first 0xFF followed by a byte other
   * than 0x00 (a stuffed 0xFF), RST0..RST7 or another 0xFF (fill). Returns that marker's offset.
   */
  private static int afterEntropyCodedData(byte[] jpeg, int offset) {
    int i = offset;
    int last = jpeg.length - 1;
    while (i < last) {
      if ((jpeg[i] & 0xFF) == 0xFF) {
        int next = jpeg[i + 1] & 0xFF;
        if (next != 0 && next != 0xFF && !(next >= 0xD0 && next <= 0xD7)) {
          return i;
        }
      }
      i++;
    }
    throw ImageRejectedException.corrupt("JPEG ends inside its image data without an EOI "
        + "marker (truncated?)");
  }
}
