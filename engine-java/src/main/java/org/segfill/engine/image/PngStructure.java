package org.segfill.engine.image;

import java.util.List;

/**
 * PNG container checks. The header is the IHDR chunk, which must come first; the file is whole
 * when every chunk up to IEND lies inside it with a valid CRC-32, and the IDAT chunks are
 * present and consecutive. Bytes after IEND (a polyglot's payload) are allowed and ignored.
 *
 * <p>Animated PNG (an acTL chunk) is refused as unsupported rather than reduced to its first
 * frame, so nobody edits a still without knowing the animation was lost.
 */
final class PngStructure implements ImageStructure {
  private static final int IHDR_LENGTH = 13;
  private static final int COLOUR_PALETTE = 3;

  @Override
  public ImageHeader header(byte[] png) {
    PngChunk ihdr = PngChunks.at(png, PngChunks.SIGNATURE_LENGTH);
    if (!ihdr.type().equals("IHDR") || ihdr.length() != IHDR_LENGTH) {
      throw ImageRejectedException.corrupt("PNG does not start with a 13-byte IHDR chunk");
    }
    int at = ihdr.dataOffset();
    long width = FileBytes.u32be(png, at, "PNG IHDR");
    long height = FileBytes.u32be(png, at + 4, "PNG IHDR");
    if (width == 0 || height == 0 || width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
      throw ImageRejectedException.corrupt("PNG IHDR gives an invalid size " + width + "x"
          + height);
    }
    checkDepthAndColourType(png[at + 8] & 0xFF, png[at + 9] & 0xFF);
    if (png[at + 10] != 0 || png[at + 11] != 0 || (png[at + 12] & 0xFF) > 1) {
      throw ImageRejectedException.corrupt("PNG IHDR has an unknown compression, filter or "
          + "interlace method");
    }
    int orientation = scanBeforePixels(png, ihdr.end());
    return new ImageHeader(ImageFormat.PNG, (int) width, (int) height, orientation);
  }

  @Override
  public void checkIntegrity(byte[] png) {
    List<PngChunk> chunks = PngChunks.untilEnd(png);
    int colourType = FileBytes.u8(png, PngChunks.SIGNATURE_LENGTH + 8 + 9, "PNG IHDR");
    boolean palette = colourType == COLOUR_PALETTE;
    boolean seenPlte = false;
    int idatRuns = 0;
    String previous = "";
    for (PngChunk chunk : chunks) {
      String type = chunk.type();
      if (type.equals("PLTE")) {
        seenPlte = true;
      }
      if (type.equals("IDAT") && !previous.equals("IDAT")) {
        idatRuns++;
      }
      previous = type;
    }
    if (idatRuns == 0) {
      throw ImageRejectedException.corrupt("PNG has no IDAT chunk");
    }
    if (idatRuns > 1) {
      throw ImageRejectedException.corrupt("PNG has IDAT chunks that are not consecutive");
    }
    if (palette && !seenPlte) {
      throw ImageRejectedException.corrupt("PNG with a palette colour type has no PLTE chunk");
    }
    if (chunks.get(chunks.size() - 1).length() != 0) {
      throw ImageRejectedException.corrupt("PNG IEND chunk is not empty");
    }
  }

  /**
   * Walks the chunk headers up to the first IDAT: refuses APNG, and returns the orientation of the
   * first eXIf chunk (or 1). CRCs are checked later, in {@link #checkIntegrity}.
   */
  private static int scanBeforePixels(byte[] png, int offset) {
    int orientation = ExifOrientation.NONE;
    boolean seenExif = false;
    while (true) {
      if (offset >= png.length) {
        throw ImageRejectedException.corrupt("PNG ends before its first IDAT chunk");
      }
      PngChunk chunk = PngChunks.at(png, offset);
      switch (chunk.type()) {
        case "IDAT":
          return orientation;
        case "IEND":
          throw ImageRejectedException.corrupt("PNG has no IDAT chunk");
        case "acTL":
          throw ImageRejectedException.unsupported(
              "animated PNG (APNG) is not supported; send a single still image");
        case "eXIf":
          if (!seenExif) {
            orientation = ExifOrientation.read(png, chunk.dataOffset(), chunk.length());
            seenExif = true;
          }
          break;
        default:
          break;
      }
      offset = chunk.end();
    }
  }

  private static void checkDepthAndColourType(int depth, int colourType) {
    boolean valid = switch (colourType) {
      case 0 -> depth == 1 || depth == 2 || depth == 4 || depth == 8 || depth == 16;
      case COLOUR_PALETTE -> depth == 1 || depth == 2 || depth == 4 || depth == 8;
      case 2, 4, 6 -> depth == 8 || depth == 16;
      default -> false;
    };
    if (!valid) {
      throw ImageRejectedException.corrupt("PNG IHDR has colour type " + colourType
          + " with bit depth " + depth + ", which PNG does not define");
    }
  }
}
