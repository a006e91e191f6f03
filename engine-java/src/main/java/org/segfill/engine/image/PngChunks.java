package org.segfill.engine.image;

import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Walks the chunks of a PNG file. Every length is checked against the file before use, so a
 * chunk claiming more bytes than the file holds is a CORRUPT refusal, not an exception.
 */
final class PngChunks {
  /** Length of the PNG signature, where the first chunk starts. */
  static final int SIGNATURE_LENGTH = 8;

  /** PNG caps chunk lengths at 2^31 - 1. */
  private static final long MAX_LENGTH = Integer.MAX_VALUE;

  private PngChunks() {}

  /** The chunk starting at {@code offset}, with its data and CRC inside the file. */
  static PngChunk at(byte[] png, int offset) {
    long length = FileBytes.u32be(png, offset, "PNG chunk length");
    String type = FileBytes.ascii(png, offset + 4L, 4, "PNG chunk type");
    if (length > MAX_LENGTH) {
      throw ImageRejectedException.corrupt("PNG chunk " + printable(type) + " has length "
          + length + ", more than PNG allows");
    }
    FileBytes.require(png, offset, PngChunk.OVERHEAD + length,
        "PNG chunk " + printable(type) + " at byte " + offset);
    return new PngChunk(type, offset, (int) length);
  }

  /**
   * Every chunk from the first to IEND, each CRC-checked. Bytes after IEND are not read: they are
   * dropped when the image is re-encoded.
   */
  static List<PngChunk> untilEnd(byte[] png) {
    List<PngChunk> chunks = new ArrayList<>();
    int offset = SIGNATURE_LENGTH;
    while (true) {
      if (offset >= png.length) {
        throw ImageRejectedException.corrupt("PNG ends without an IEND chunk (truncated?)");
      }
      PngChunk chunk = at(png, offset);
      checkCrc(png, chunk);
      chunks.add(chunk);
      if (chunk.type().equals("IEND")) {
        return chunks;
      }
      offset = chunk.end();
    }
  }

  /** The CRC-32 of a chunk's type and data, as stored after the data. */
  static long crc(byte[] png, int typeOffset, int typeAndDataLength) {
    CRC32 crc = new CRC32();
    crc.update(png, typeOffset, typeAndDataLength);
    return crc.getValue();
  }

  private static void checkCrc(byte[] png, PngChunk chunk) {
    long stored = FileBytes.u32be(png, chunk.dataOffset() + (long) chunk.length(), "PNG CRC");
    if (crc(png, chunk.offset() + 4, 4 + chunk.length()) != stored) {
      throw ImageRejectedException.corrupt("PNG chunk " + printable(chunk.type()) + " at byte "
          + chunk.offset() + " has a bad CRC");
    }
  }

  /** A chunk type safe to put in a message: non-letters become '?'. */
  static String printable(String type) {
    StringBuilder sb = new StringBuilder(type.length());
    for (char c : type.toCharArray()) {
      sb.append((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ? c : '?');
    }
    return sb.toString();
  }
}
