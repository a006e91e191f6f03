package org.segfill.engine.image;

import java.util.Arrays;

/** Hand-assembled WebP containers around an image chunk taken from an OpenCV-encoded file. */
final class WebpBytes {
  private WebpBytes() {}

  /** A RIFF/WEBP file holding {@code chunks} (each already with header and padding). */
  static byte[] riff(byte[]... chunks) {
    byte[] body = Bytes.concat(chunks);
    return Bytes.concat(Bytes.ascii("RIFF"), Bytes.u32le(4 + body.length), Bytes.ascii("WEBP"),
        body);
  }

  /** A chunk with its size field and a pad byte when the size is odd. */
  static byte[] chunk(String type, byte[] data) {
    byte[] pad = new byte[data.length & 1];
    return Bytes.concat(Bytes.ascii(type), Bytes.u32le(data.length), data, pad);
  }

  /** The image chunk (VP8 or VP8L, with header) of a simple-format WebP file. */
  static byte[] imageChunk(byte[] simpleWebp) {
    return Arrays.copyOfRange(simpleWebp, 12, simpleWebp.length);
  }

  /** A VP8X chunk with {@code flags} and a width x height canvas. */
  static byte[] vp8x(int flags, int width, int height) {
    int w = width - 1;
    int h = height - 1;
    return chunk("VP8X", Bytes.of(flags, 0, 0, 0, w, w >> 8, w >> 16, h, h >> 8, h >> 16));
  }
}
