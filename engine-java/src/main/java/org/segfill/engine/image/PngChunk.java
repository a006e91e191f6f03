package org.segfill.engine.image;

/**
 * One chunk of a PNG file.
 *
 * @param type the four-letter chunk type, e.g. {@code IHDR}
 * @param offset where the chunk starts (its length field)
 * @param length the length of its data
 */
record PngChunk(String type, int offset, int length) {
  /** Bytes around the data: length, type and CRC fields. */
  static final int OVERHEAD = 12;

  /** Where the chunk's data starts. */
  int dataOffset() {
    return offset + 8;
  }

  /** The first byte after the chunk's CRC. */
  int end() {
    return offset + OVERHEAD + length;
  }
}
