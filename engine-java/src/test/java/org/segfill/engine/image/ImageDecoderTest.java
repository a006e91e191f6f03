package org.segfill.engine.image;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_WEBP_QUALITY;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.segfill.engine.image.ImageRejectedException.Kind;
import org.segfill.engine.mask.Mask;
import org.segfill.engine.mask.UploadedMask;

/** The decoder's order of checks and its refusals (reliability C3, C4, C7, C8, C13). */
class ImageDecoderTest {
  private final AtomicInteger pixelDecodes = new AtomicInteger();
  private final PixelDecoder real = new OpenCvPixelDecoder();
  /** The real decoder, counting how often the native decode step is reached. */
  private final ImageDecoder decoder = new ImageDecoder(ImageLimits.defaults(),
      (file, header, layout) -> {
        pixelDecodes.incrementAndGet();
        return real.decode(file, header, layout);
      });

  private ImageRejectedException refused(Kind kind, Executable e) {
    ImageRejectedException thrown = assertThrows(ImageRejectedException.class, e);
    assertEquals(kind, thrown.kind(), thrown.getMessage());
    return thrown;
  }

  /** A PNG of about 1 KB whose IHDR claims 100,000 x 100,000 RGB pixels (30 GB decoded). */
  static byte[] pngBomb() {
    return Bytes.concat(PngBytes.SIGNATURE, PngBytes.ihdr(100_000, 100_000, 8, 2),
        PngBytes.chunk("IDAT", PngBytes.deflate(new byte[100_000])),
        PngBytes.chunk("IDAT", ImageIntegrityTest.noise(800)), PngBytes.chunk("IEND", new byte[0]));
  }

  @Test
  void pngBombIsRefusedFromItsHeaderBeforeAnyPixelDecode() {
    byte[] bomb = pngBomb();
    assertTrue(bomb.length > 900 && bomb.length < 1100, "bomb is " + bomb.length + " bytes");
    ImageRejectedException e = refused(Kind.TOO_LARGE, () -> decoder.decode(bomb));
    assertEquals("image: 100000x100000 is 10000000000 pixels; at most 40000000 allowed",
        e.getMessage());
    refused(Kind.TOO_LARGE, () -> decoder.decodePixels(bomb));
    assertEquals(0, pixelDecodes.get());
  }

  @Test
  void jpegBombIsRefusedFromItsFrameHeaderBeforeAnyPixelDecode() {
    byte[] bomb = JpegBytes.withFrameSize(OpenCvFixtures.encode(".jpg", 64, 64, 3,
        Bytes.pattern(64, 64, 3)), 65_500, 65_500);
    ImageRejectedException e = refused(Kind.TOO_LARGE, () -> decoder.decode(bomb));
    assertEquals("image: 65500x65500 is 4290250000 pixels; at most 40000000 allowed",
        e.getMessage());
    assertEquals(0, pixelDecodes.get());
  }

  @Test
  void bombsAllocateAlmostNothingOnTheHeap() {
    ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    byte[] png = pngBomb();
    byte[] jpeg = JpegBytes.withFrameSize(OpenCvFixtures.encode(".jpg", 64, 64, 3,
        Bytes.pattern(64, 64, 3)), 65_500, 65_500);
    ImageDecoder plain = new ImageDecoder(ImageLimits.defaults());
    for (byte[] bomb : new byte[][] {png, jpeg, png, jpeg}) {
      long id = Thread.currentThread().getId();
      long before = threads.getThreadAllocatedBytes(id);
      refused(Kind.TOO_LARGE, () -> plain.decode(bomb));
      long allocated = threads.getThreadAllocatedBytes(id) - before;
      // Reliability C3 allows 16 MB; a header check needs a few kilobytes (message, stack trace).
      assertTrue(allocated < 1_000_000, "allocated " + allocated + " bytes");
    }
  }

  @Test
  void sideLimitIsCheckedOnTheHeaderToo() {
    byte[] webp = WebpBytes.riff(WebpBytes.vp8x(0, 16_000_000, 2),
        WebpBytes.chunk("VP8L", new byte[5]));
    assertEquals("image: 16000000x2 has a side of 16000000 px; at most 8192 px per side allowed",
        refused(Kind.TOO_LARGE, () -> decoder.decode(webp)).getMessage());
    byte[] bmp = BmpBytes.info24(2, 2, new byte[12], true);
    Bytes.putU32le(bmp, 18, 9000);
    assertEquals("image: 9000x2 has a side of 9000 px; at most 8192 px per side allowed",
        refused(Kind.TOO_LARGE, () -> decoder.decode(bmp)).getMessage());
    assertEquals(0, pixelDecodes.get());
  }

  @Test
  void bytesLimitComesFirst() {
    ImageDecoder small = new ImageDecoder(new ImageLimits(100, 40_000_000, 8192));
    byte[] png = OpenCvFixtures.encode(".png", 16, 16, 3, ImageIntegrityTest.noise(768));
    assertEquals("image: " + png.length + " bytes; at most 100 bytes allowed",
        refused(Kind.TOO_LARGE, () -> small.decode(png)).getMessage());
  }

  @Test
  void emptyRandomAndTextAreRefusedByMagicBytes() {
    assertEquals("image: empty (0 bytes)",
        refused(Kind.EMPTY, () -> decoder.decode(new byte[0])).getMessage());
    String notAccepted = "image: not a JPEG, PNG, WebP or BMP file; send JPEG, PNG, WebP or BMP";
    byte[] random = ImageIntegrityTest.noise(1024);
    assertEquals(notAccepted,
        refused(Kind.UNSUPPORTED_FORMAT, () -> decoder.decode(random)).getMessage());
    byte[] text = Bytes.ascii("this file is named photo.png but it is text\n");
    assertEquals(notAccepted,
        refused(Kind.UNSUPPORTED_FORMAT, () -> decoder.decode(text)).getMessage());
    assertThrows(NullPointerException.class, () -> decoder.decode(null));
    assertEquals(0, pixelDecodes.get());
  }

  @Test
  void otherImageFormatsAreNamedInTheRefusal() {
    String[][] cases = {
      {"GIF89a\u0001\u0000\u0001\u0000", "GIF"},
      {"GIF87a\u0001\u0000\u0001\u0000", "GIF"},
      {"II*\u0000\u0008\u0000\u0000\u0000", "TIFF"},
      {"MM\u0000*\u0000\u0000\u0000\u0008", "TIFF"},
      {"\u0000\u0000\u0001\u0000\u0001\u0000\u0010\u0010", "ICO"},
      {"<svg xmlns=\"http://www.w3.org/2000/svg\"/>", "SVG"},
      {"\n <?xml version=\"1.0\"?>\n<svg/>", "SVG"},
      {"\u0000\u0000\u0000\u0018ftypheic", "HEIF/AVIF"},
      {"RIFF\u0004\u0000\u0000\u0000WAVE", "RIFF (not WebP)"},
    };
    for (String[] c : cases) {
      ImageRejectedException e = refused(Kind.UNSUPPORTED_FORMAT,
          () -> decoder.decode(Bytes.ascii(c[0])));
      assertEquals("image: " + c[1] + " is not supported; send JPEG, PNG, WebP or BMP",
          e.getMessage());
    }
  }

  @Test
  void animationsAreUnsupported() {
    byte[] png = OpenCvFixtures.encode(".png", 4, 4, 3, Bytes.pattern(4, 4, 3));
    byte[] apng = PngBytes.afterIhdr(png, PngBytes.chunk("acTL", Bytes.concat(Bytes.u32be(2),
        Bytes.u32be(0))));
    assertEquals("image: animated PNG (APNG) is not supported; send a single still image",
        refused(Kind.UNSUPPORTED_FORMAT, () -> decoder.decode(apng)).getMessage());
    byte[] webp = OpenCvFixtures.encode(".webp", 4, 4, 3, Bytes.pattern(4, 4, 3));
    byte[] animated = WebpBytes.riff(WebpBytes.vp8x(0x02, 4, 4),
        WebpBytes.chunk("ANIM", new byte[6]), WebpBytes.chunk("ANMF",
            Bytes.concat(new byte[16], WebpBytes.imageChunk(webp))));
    assertEquals("image: animated WebP is not supported; send a single still image",
        refused(Kind.UNSUPPORTED_FORMAT, () -> decoder.decode(animated)).getMessage());
    assertEquals(0, pixelDecodes.get());
  }

  @Test
  void polyglotPayloadsAreDroppedByReencoding() {
    RgbImage image = new RgbImage(5, 3, Bytes.pattern(5, 3, 3));
    byte[] png = PngEncoder.encode(image);
    byte[] html = Bytes.ascii("<html><script>alert(1)</script></html>");
    RgbImage fromPolyglot = decoder.decode(Bytes.concat(png, html));
    assertArrayEquals(image.rgb(), fromPolyglot.rgb());
    byte[] reencoded = PngEncoder.encode(fromPolyglot);
    assertArrayEquals(png, reencoded);
    assertEquals(-1, Bytes.indexOf(reencoded, Bytes.ascii("<script"), 0));

    byte[] jpeg = OpenCvFixtures.encode(".jpg", 16, 16, 3, Bytes.pattern(16, 16, 3));
    byte[] script = Bytes.ascii("<script>alert(1)</script>");
    byte[] comment = Bytes.concat(Bytes.of(0xFF, 0xFE), Bytes.u16be(2 + script.length), script);
    byte[] zip = Bytes.ascii("PK\u0003\u0004 zip payload");
    RgbImage plain = decoder.decode(jpeg);
    RgbImage withComment = decoder.decode(Bytes.concat(Bytes.insert(jpeg, 2, comment), zip));
    assertArrayEquals(plain.rgb(), withComment.rgb());
    byte[] clean = PngEncoder.encode(withComment);
    assertEquals(-1, Bytes.indexOf(clean, Bytes.ascii("<script"), 0));
    assertEquals(-1, Bytes.indexOf(clean, Bytes.ascii("PK"), 0));
  }

  @Test
  void paletteGrayAlphaAndSixteenBitPngsBecomeEightBitRgb() {
    byte[] plte = PngBytes.chunk("PLTE", Bytes.of(255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 20, 30));
    byte[] trns = PngBytes.chunk("tRNS", Bytes.of(255, 128));
    // 2-bit indices 0, 1, 2, 3 packed in one byte.
    byte[][] indices = {Bytes.of(0b00_01_10_11)};
    byte[] palette = PngBytes.png(4, 1, 2, 3, indices, plte, trns);
    assertArrayEquals(Bytes.of(255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 20, 30),
        decoder.decode(palette).rgb());
    assertPixels(4, 4, Bytes.of(255, 0, 0, 255, 0, 255, 0, 128, 0, 0, 255, 255, 10, 20, 30, 255),
        decoder.decodePixels(palette));

    byte[] gray = PngBytes.png(3, 1, 8, 0, new byte[][] {Bytes.of(0, 77, 255)});
    assertArrayEquals(Bytes.of(0, 0, 0, 77, 77, 77, 255, 255, 255), decoder.decode(gray).rgb());
    assertPixels(1, 3, Bytes.of(0, 77, 255), decoder.decodePixels(gray));
    byte[] oneBit = PngBytes.png(3, 1, 1, 0, new byte[][] {Bytes.of(0b1010_0000)});
    assertPixels(1, 3, Bytes.of(255, 0, 255), decoder.decodePixels(oneBit));

    // Gray+alpha: RGB drops the alpha (no compositing onto a background).
    byte[] grayAlpha = PngBytes.png(2, 1, 8, 4, new byte[][] {Bytes.of(77, 0, 200, 128)});
    assertArrayEquals(Bytes.of(77, 77, 77, 200, 200, 200), decoder.decode(grayAlpha).rgb());
    assertPixels(4, 2, Bytes.of(77, 77, 77, 0, 200, 200, 200, 128),
        decoder.decodePixels(grayAlpha));

    // 16-bit samples keep their high byte: 0x1234 -> 0x12, 0x80FF -> 0x80, 0xFFFF -> 0xFF.
    byte[] rgb16 = PngBytes.png(1, 1, 16, 2,
        new byte[][] {Bytes.of(0x12, 0x34, 0x80, 0xFF, 0xFF, 0xFF)});
    assertArrayEquals(Bytes.of(0x12, 0x80, 0xFF), decoder.decode(rgb16).rgb());
    assertPixels(3, 1, Bytes.of(0x12, 0x80, 0xFF), decoder.decodePixels(rgb16));
    byte[] rgba16 = PngBytes.png(1, 1, 16, 6,
        new byte[][] {Bytes.of(0x12, 0x34, 0x80, 0xFF, 0xFF, 0xFF, 0x7F, 0xFF)});
    assertPixels(4, 1, Bytes.of(0x12, 0x80, 0xFF, 0x7F), decoder.decodePixels(rgba16));
    byte[] gray16 = PngBytes.png(2, 1, 16, 0, new byte[][] {Bytes.of(0x12, 0x34, 0xAB, 0xCD)});
    assertArrayEquals(Bytes.of(0x12, 0x12, 0x12, 0xAB, 0xAB, 0xAB), decoder.decode(gray16).rgb());
    assertPixels(1, 2, Bytes.of(0x12, 0xAB), decoder.decodePixels(gray16));
    // OpenCV's own 16-bit writer agrees.
    byte[] cv16 = OpenCvFixtures.encode16(".png", 1, 1, 3, new short[] {(short) 0xFFFF,
        (short) 0x80FF, 0x1234});
    assertEquals(16, cv16[24]);
    assertArrayEquals(Bytes.of(0x12, 0x80, 0xFF), decoder.decode(cv16).rgb());
  }

  /** Checks channel count, width and samples (the height follows from the length). */
  private static void assertPixels(int channels, int width, byte[] expected, DecodedPixels px) {
    assertEquals(channels, px.channels());
    assertEquals(width, px.width());
    assertArrayEquals(expected, px.pixels());
  }

  @Test
  void cmykAndGrayJpegsBecomeRgb() {
    // Adobe CMYK is stored inverted (255 = no ink); OpenCV gives R = C * K / 255, rounded up.
    RgbImage white = decoder.decode(JpegBytes.solid(true, 255, 255, 255, 255));
    assertEquals(8, white.width());
    assertArrayEquals(filled(64, 255, 255, 255), white.rgb());
    assertArrayEquals(filled(64, 101, 51, 26),
        decoder.decode(JpegBytes.solid(true, 200, 100, 50, 128)).rgb());
    assertArrayEquals(filled(64, 0, 0, 0), decoder.decode(JpegBytes.solid(true, 0, 0, 0, 0)).rgb());
    DecodedPixels cmykStored = decoder.decodePixels(JpegBytes.solid(true, 200, 100, 50, 128));
    assertEquals(3, cmykStored.channels());
    assertArrayEquals(filled(64, 101, 51, 26), cmykStored.pixels());

    byte[] gray = JpegBytes.solid(false, 77);
    assertArrayEquals(filled(64, 77, 77, 77), decoder.decode(gray).rgb());
    assertPixels(1, 8, filled(64, 77), decoder.decodePixels(gray));
    // YCbCr with neutral chroma is gray.
    assertArrayEquals(filled(64, 200, 200, 200),
        decoder.decode(JpegBytes.solid(false, 200, 128, 128)).rgb());
  }

  private static byte[] filled(int pixels, int... sample) {
    byte[] b = new byte[pixels * sample.length];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) sample[i % sample.length];
    }
    return b;
  }

  @Test
  void bmpRoundTrips() {
    int w = 7;
    int h = 5;
    byte[] bgr = Bytes.pattern(w, h, 3);
    byte[] rgb = OpenCvFixtures.swapRedBlue(bgr, 3);
    assertArrayEquals(rgb, decoder.decode(OpenCvFixtures.encode(".bmp", w, h, 3, bgr)).rgb());
    assertArrayEquals(rgb, decoder.decode(BmpBytes.info24(w, h, bgr, false)).rgb());
    assertArrayEquals(rgb, decoder.decode(BmpBytes.info24(w, h, bgr, true)).rgb());
    assertArrayEquals(rgb, decoder.decode(BmpBytes.core24(w, h, bgr)).rgb());
    byte[] bgra = Bytes.pattern(w, h, 4);
    DecodedPixels withAlpha = decoder.decodePixels(OpenCvFixtures.encode(".bmp", w, h, 4, bgra));
    assertPixels(4, w, OpenCvFixtures.swapRedBlue(bgra, 4), withAlpha);
  }

  @Test
  void webpDecodes() {
    int w = 33;
    int h = 17;
    byte[] bgr = Bytes.pattern(w, h, 3);
    byte[] rgb = OpenCvFixtures.swapRedBlue(bgr, 3);
    byte[] lossless = OpenCvFixtures.encode(".webp", w, h, 3, bgr);
    assertArrayEquals(rgb, decoder.decode(lossless).rgb());
    byte[] extended = WebpBytes.riff(WebpBytes.vp8x(0, w, h), WebpBytes.imageChunk(lossless));
    assertArrayEquals(rgb, decoder.decode(extended).rgb());

    // Lossy: a smooth gradient survives quality 90 within a few levels.
    byte[] smooth = new byte[w * h * 3];
    for (int i = 0; i < smooth.length; i++) {
      smooth[i] = (byte) (((i / 3) % w) * 4 + 40);
    }
    byte[] lossy = OpenCvFixtures.encode(".webp", w, h, 3, smooth,
        IMWRITE_WEBP_QUALITY, 90);
    RgbImage decoded = decoder.decode(lossy);
    assertEquals(w, decoded.width());
    assertEquals(h, decoded.height());
    long error = 0;
    for (int i = 0; i < smooth.length; i++) {
      error += Math.abs((smooth[i] & 0xFF) - (decoded.rgb()[i] & 0xFF));
    }
    double meanError = error / (double) smooth.length;
    assertTrue(meanError < 4.0, "mean error " + meanError);
  }

  @Test
  void decoderFailuresBecomeCorruptWithoutOpenCvText() {
    byte[] png = OpenCvFixtures.encode(".png", 16, 16, 3, ImageIntegrityTest.noise(768));
    int idat = PngBytes.find(png, "IDAT");
    int length = (int) FileBytes.u32be(png, idat, "test");
    // A whole, CRC-valid container whose compressed data is garbage.
    byte[] garbage = Bytes.concat(Arrays.copyOf(png, idat),
        PngBytes.chunk("IDAT", ImageIntegrityTest.noise(length)),
        Arrays.copyOfRange(png, idat + 12 + length, png.length));
    decoder.probe(garbage);
    ImageRejectedException e = refused(Kind.CORRUPT, () -> decoder.decode(garbage));
    assertEquals("image: the PNG pixel data could not be decoded", e.getMessage());

    // A deflate stream cut short inside a CRC-valid IDAT.
    byte[] cut = Bytes.concat(Arrays.copyOf(png, idat),
        PngBytes.chunk("IDAT", Arrays.copyOfRange(png, idat + 8, idat + 8 + length / 2)),
        Arrays.copyOfRange(png, idat + 12 + length, png.length));
    assertEquals("image: the PNG pixel data could not be decoded",
        refused(Kind.CORRUPT, () -> decoder.decodePixels(cut)).getMessage());

    // A scan of a component the frame does not have (libjpeg-turbo would stand in default
    // tables for a missing Huffman table, so that is not a failure).
    byte[] jpeg = JpegBytes.solid(false, 77);
    jpeg[JpegBytes.find(jpeg, 0xDA) + 5] = 9;
    String message = refused(Kind.CORRUPT, () -> decoder.decode(jpeg)).getMessage();
    assertEquals("image: the JPEG pixel data could not be decoded", message);
    assertFalse(message.contains("OpenCV") || message.contains("cv::"));
  }

  @Test
  void nativeMemoryIsReleasedOnSuccessAndOnFailure() {
    byte[] good = OpenCvFixtures.encode(".png", 32, 32, 3, Bytes.pattern(32, 32, 3));
    byte[] rotated = ExifBytes.jpegWithOrientation(
        OpenCvFixtures.encode(".jpg", 32, 16, 3, Bytes.pattern(32, 16, 3)), 7);
    byte[] sixteen = PngBytes.png(1, 1, 16, 6, new byte[][] {new byte[8]});
    byte[] bad = JpegBytes.solid(false, 77);
    bad[JpegBytes.find(bad, 0xDA) + 5] = 9;
    decoder.decode(good);
    long before = Pointer.totalCount();
    for (int i = 0; i < 20; i++) {
      decoder.decode(good);
      decoder.decode(rotated);
      decoder.decodePixels(rotated);
      decoder.decodePixels(sixteen);
      PngEncoder.encode(new RgbImage(4, 4, new byte[48]));
      refused(Kind.CORRUPT, () -> decoder.decode(bad));
    }
    assertEquals(before, Pointer.totalCount());
  }

  @Test
  void uploadedPngMasksConvertThroughDecodePixels() {
    // RGBA mask: alpha decides where any alpha is below 255.
    byte[] rgba = PngBytes.png(3, 1, 8, 6,
        new byte[][] {Bytes.of(0, 0, 0, 255, 0, 0, 0, 127, 0, 0, 0, 128)});
    DecodedPixels px = decoder.decodePixels(rgba);
    try (Mask m = UploadedMask.toMask(3, 1,
        px.width(), px.height(), px.channels(), px.pixels())) {
      assertArrayEquals(Bytes.of(255, 0, 255), m.toArray());
    }
    // Gray mask that is not binary: thresholded at 128.
    byte[] gray = PngEncoder.encodeGray(4, 1, Bytes.of(0, 127, 128, 255));
    DecodedPixels g = decoder.decodePixels(gray);
    try (Mask m = UploadedMask.toMask(4, 1,
        g.width(), g.height(), g.channels(), g.pixels())) {
      assertArrayEquals(Bytes.of(0, 0, 255, 255), m.toArray());
    }
  }
}
