package org.segfill.engine.image;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_PROGRESSIVE;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_WEBP_QUALITY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Truncated and inconsistent containers are refused before decoding (reliability C5, C6). */
class ImageIntegrityTest {
  private static final int W = 64;
  private static final int H = 48;
  private static final byte[] NOISE = noise(W * H * 3);

  private final ImageDecoder decoder = new ImageDecoder(ImageLimits.defaults(),
      (file, header, layout) -> {
        throw new AssertionError("pixels decoded for a file that should have been refused");
      });

  /** Noise compresses badly, so the entropy-coded data fills most of the file. */
  static byte[] noise(int n) {
    byte[] b = new byte[n];
    new Random(7).nextBytes(b);
    return b;
  }

  private String corrupt(byte[] file) {
    ImageRejectedException e = assertThrows(ImageRejectedException.class,
        () -> decoder.probe(file));
    assertEquals(ImageRejectedException.Kind.CORRUPT, e.kind(), e.getMessage());
    return e.getMessage();
  }

  @Test
  void jpegTruncatedAtHalfHasNoEoi() {
    byte[] jpeg = OpenCvFixtures.encode(".jpg", W, H, 3, NOISE);
    assertEquals("image: JPEG ends inside its image data without an EOI marker (truncated?)",
        corrupt(Arrays.copyOf(jpeg, jpeg.length / 2)));
    // Two bytes short: the EOI marker itself is missing.
    assertEquals("image: JPEG ends inside its image data without an EOI marker (truncated?)",
        corrupt(Arrays.copyOf(jpeg, jpeg.length - 2)));
    assertEquals("image: JPEG ends inside its image data without an EOI marker (truncated?)",
        corrupt(Arrays.copyOf(jpeg, jpeg.length - 1)));
    // The scan ends at a marker, but the file ends after that segment.
    byte[] comment = Bytes.concat(Bytes.of(0xFF, 0xFE), Bytes.u16be(6), Bytes.ascii("EOI?"));
    assertEquals("image: JPEG ends without an EOI marker (truncated?)",
        corrupt(Bytes.concat(Arrays.copyOf(jpeg, jpeg.length - 2), comment)));
  }

  @Test
  void jpegWithoutScanIsCorrupt() {
    byte[] jpeg = OpenCvFixtures.encode(".jpg", W, H, 3, NOISE);
    int sos = JpegBytes.find(jpeg, 0xDA);
    byte[] noScan = Bytes.concat(Arrays.copyOf(jpeg, sos), Bytes.of(0xFF, 0xD9));
    assertEquals("image: JPEG has no scan (SOS) before its end (EOI)", corrupt(noScan));
    ImageRejectedException e = assertThrows(ImageRejectedException.class,
        () -> new JpegStructure().checkIntegrity(noScan));
    assertEquals("image: JPEG has no scan (SOS) before its end (EOI)", e.getMessage());
  }

  @Test
  void jpegTrailingBytesAndProgressiveScansAreWhole() {
    byte[] jpeg = OpenCvFixtures.encode(".jpg", W, H, 3, NOISE);
    decoder.probe(Bytes.concat(jpeg, Bytes.ascii("PK\u0003\u0004 a zip after EOI")));
    byte[] progressive = OpenCvFixtures.encode(".jpg", W, H, 3, NOISE,
        IMWRITE_JPEG_PROGRESSIVE, 1);
    decoder.probe(progressive);
    assertEquals("image: JPEG ends inside its image data without an EOI marker (truncated?)",
        corrupt(Arrays.copyOf(progressive, progressive.length - 2)));
  }

  @Test
  void pngWithOneFlippedCrcByte() {
    byte[] png = OpenCvFixtures.encode(".png", W, H, 3, NOISE);
    int idat = PngBytes.find(png, "IDAT");
    int crcAt = idat + 8 + (int) FileBytes.u32be(png, idat, "test");
    assertEquals("image: PNG chunk IDAT at byte 33 has a bad CRC", corrupt(Bytes.flip(png, crcAt)));
    // A flipped data byte is caught by the same CRC.
    assertEquals("image: PNG chunk IDAT at byte 33 has a bad CRC",
        corrupt(Bytes.flip(png, idat + 100)));
    assertEquals("image: PNG chunk IHDR at byte 8 has a bad CRC", corrupt(Bytes.flip(png, 29)));
  }

  @Test
  void pngWithoutIend() {
    byte[] png = OpenCvFixtures.encode(".png", W, H, 3, NOISE);
    assertEquals(png.length - 12, PngBytes.find(png, "IEND"));
    assertEquals("image: PNG ends without an IEND chunk (truncated?)",
        corrupt(Arrays.copyOf(png, png.length - 12)));
  }

  @Test
  void pngWithTruncatedIdat() {
    byte[] png = OpenCvFixtures.encode(".png", W, H, 3, NOISE);
    int idatLength = (int) FileBytes.u32be(png, 33, "test");
    assertEquals("image: PNG chunk IDAT at byte 33 runs past the end of the file (byte "
        + (33 + 12 + idatLength) + " of 1033)", corrupt(Arrays.copyOf(png, 1033)));
  }

  @Test
  void pngChunkRulesBeyondCrcs() {
    byte[] png = OpenCvFixtures.encode(".png", 4, 4, 3, Bytes.pattern(4, 4, 3));
    int idat = PngBytes.find(png, "IDAT");
    int iend = PngBytes.find(png, "IEND");
    byte[] idatChunk = Arrays.copyOfRange(png, idat, iend);
    byte[] text = PngBytes.chunk("tEXt", Bytes.ascii("k\0v"));
    assertEquals("image: PNG has IDAT chunks that are not consecutive",
        corrupt(Bytes.insert(Bytes.insert(png, iend, text), iend + text.length, idatChunk)));
    byte[] palette = PngBytes.png(2, 1, 8, 3, new byte[][] {Bytes.of(0, 0)});
    assertEquals("image: PNG with a palette colour type has no PLTE chunk", corrupt(palette));
    byte[] fatIend = Bytes.concat(Arrays.copyOf(png, iend),
        PngBytes.chunk("IEND", Bytes.of(1)));
    assertEquals("image: PNG IEND chunk is not empty", corrupt(fatIend));
  }

  @Test
  void webpWhoseRiffSizeExceedsTheFile() {
    byte[] webp = OpenCvFixtures.encode(".webp", W, H, 3, NOISE);
    int cut = webp.length - 1;
    assertEquals("image: RIFF size says " + webp.length + " bytes but the file has " + cut
        + " (truncated?)", corrupt(Arrays.copyOf(webp, cut)));
    byte[] chunkTooLong = webp.clone();
    Bytes.putU32le(chunkTooLong, 16, webp.length);
    assertEquals("image: WebP chunk at byte 12 runs past the RIFF size", corrupt(chunkTooLong));
    byte[] vp8xOnly = WebpBytes.riff(WebpBytes.vp8x(0, 4, 4));
    assertEquals("image: WebP holds no image chunk (VP8 or VP8L)", corrupt(vp8xOnly));
    decoder.probe(Bytes.concat(webp, Bytes.ascii("<html>after the RIFF</html>")));
  }

  @Test
  void bmpWithoutItsPixelArray() {
    byte[] bmp = OpenCvFixtures.encode(".bmp", W, H, 3, NOISE);
    assertEquals(54 + W * 3 * H, bmp.length);
    assertEquals("image: BMP promises 9216 bytes of pixels at byte 54 but the file has 9269 "
        + "(truncated?)", corrupt(Arrays.copyOf(bmp, bmp.length - 1)));
    byte[] farOffset = bmp.clone();
    Bytes.putU32le(farOffset, 10, bmp.length + 1);
    assertEquals("image: BMP pixel data offset 9271 lies outside the file", corrupt(farOffset));
  }

  @Test
  void everyTruncationOfEveryFormatIsRefused() {
    byte[][] files = {
      OpenCvFixtures.encode(".png", 16, 8, 3, Bytes.pattern(16, 8, 3)),
      OpenCvFixtures.encode(".jpg", 16, 8, 3, Bytes.pattern(16, 8, 3)),
      OpenCvFixtures.encode(".webp", 16, 8, 3, Bytes.pattern(16, 8, 3)),
      OpenCvFixtures.encode(".webp", 16, 8, 3, Bytes.pattern(16, 8, 3),
          IMWRITE_WEBP_QUALITY, 80),
      OpenCvFixtures.encode(".bmp", 16, 8, 3, Bytes.pattern(16, 8, 3)),
    };
    for (byte[] file : files) {
      ImageFormat format = ImageFormat.detect(file).orElseThrow();
      int magic = format == ImageFormat.PNG ? 8 : format == ImageFormat.WEBP ? 12
          : format == ImageFormat.JPEG ? 3 : 2;
      for (int n = 0; n < file.length; n++) {
        byte[] prefix = Arrays.copyOf(file, n);
        ImageRejectedException e = assertThrows(ImageRejectedException.class,
            () -> decoder.probe(prefix), format + " cut to " + n + " bytes");
        ImageRejectedException.Kind expected = n == 0 ? ImageRejectedException.Kind.EMPTY
            : n < magic ? ImageRejectedException.Kind.UNSUPPORTED_FORMAT
            : ImageRejectedException.Kind.CORRUPT;
        assertEquals(expected, e.kind(), format + " cut to " + n + ": " + e.getMessage());
      }
    }
  }
}
