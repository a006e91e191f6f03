package org.segfill.engine.image;

/** Hand-made EXIF (TIFF) blocks holding only an Orientation tag, and a JPEG APP1 around one. */
final class ExifBytes {
  private ExifBytes() {}

  /** A TIFF block, big-endian ("MM") or little-endian ("II"), with IFD0 = { Orientation }. */
  static byte[] tiff(int orientation, boolean littleEndian) {
    if (littleEndian) {
      return Bytes.concat(Bytes.ascii("II"), Bytes.u16le(42), Bytes.u32le(8), Bytes.u16le(1),
          Bytes.u16le(0x0112), Bytes.u16le(3), Bytes.u32le(1), Bytes.u16le(orientation),
          Bytes.u16le(0), Bytes.u32le(0));
    }
    return Bytes.concat(Bytes.ascii("MM"), Bytes.u16be(42), Bytes.u32be(8), Bytes.u16be(1),
        Bytes.u16be(0x0112), Bytes.u16be(3), Bytes.u32be(1), Bytes.u16be(orientation),
        Bytes.u16be(0), Bytes.u32be(0));
  }

  /** A JPEG APP1 "Exif" segment around {@code tiff}. */
  static byte[] app1(byte[] tiff) {
    byte[] id = Bytes.of('E', 'x', 'i', 'f', 0, 0);
    return Bytes.concat(Bytes.of(0xFF, 0xE1), Bytes.u16be(2 + id.length + tiff.length), id, tiff);
  }

  /** {@code jpeg} with an APP1 Exif segment holding {@code orientation} right after SOI. */
  static byte[] jpegWithOrientation(byte[] jpeg, int orientation) {
    return Bytes.insert(jpeg, 2, app1(tiff(orientation, false)));
  }
}
