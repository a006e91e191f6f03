package org.segfill.engine.image;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_PROGRESSIVE;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_WEBP_QUALITY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Header reading for each format, without decoding pixels. */
class ImageHeaderTest {
  private static final int W = 37;
  private static final int H = 23;
  private static final byte[] BGR = Bytes.pattern(W, H, 3);

  private final ImageDecoder decoder = new ImageDecoder(ImageLimits.defaults());

  private static ImageHeader header(ImageFormat format, byte[] file) {
    return ImageStructure.of(format).header(file);
  }

  private static String corrupt(ImageFormat format, byte[] file) {
    ImageRejectedException e = assertThrows(ImageRejectedException.class,
        () -> header(format, file));
    assertEquals(ImageRejectedException.Kind.CORRUPT, e.kind(), e.getMessage());
    return e.getMessage();
  }

  private static String unsupported(ImageFormat format, byte[] file) {
    ImageRejectedException e = assertThrows(ImageRejectedException.class,
        () -> header(format, file));
    assertEquals(ImageRejectedException.Kind.UNSUPPORTED_FORMAT, e.kind(), e.getMessage());
    return e.getMessage();
  }

  @Test
  void sizesOfOpenCvEncodedFiles() {
    ImageHeader expected = new ImageHeader(ImageFormat.PNG, W, H, 1);
    assertEquals(expected, decoder.probe(OpenCvFixtures.encode(".png", W, H, 3, BGR)));
    assertEquals(new ImageHeader(ImageFormat.JPEG, W, H, 1),
        decoder.probe(OpenCvFixtures.encode(".jpg", W, H, 3, BGR)));
    assertEquals(new ImageHeader(ImageFormat.JPEG, W, H, 1),
        decoder.probe(OpenCvFixtures.encode(".jpg", W, H, 3, BGR, IMWRITE_JPEG_PROGRESSIVE, 1)));
    assertEquals(new ImageHeader(ImageFormat.WEBP, W, H, 1),
        decoder.probe(OpenCvFixtures.encode(".webp", W, H, 3, BGR)));
    assertEquals(new ImageHeader(ImageFormat.WEBP, W, H, 1),
        decoder.probe(OpenCvFixtures.encode(".webp", W, H, 3, BGR, IMWRITE_WEBP_QUALITY, 80)));
    assertEquals(new ImageHeader(ImageFormat.BMP, W, H, 1),
        decoder.probe(OpenCvFixtures.encode(".bmp", W, H, 3, BGR)));
  }

  @Test
  void webpChunkKindsEachGiveTheSize() {
    byte[] lossless = OpenCvFixtures.encode(".webp", W, H, 3, BGR);
    byte[] lossy = OpenCvFixtures.encode(".webp", W, H, 3, BGR, IMWRITE_WEBP_QUALITY, 80);
    assertEquals("VP8L", new String(lossless, 12, 4, US_ASCII));
    assertEquals("VP8 ", new String(lossy, 12, 4, US_ASCII));
    byte[] extended = WebpBytes.riff(WebpBytes.vp8x(0, W, H), WebpBytes.imageChunk(lossless));
    assertEquals(new ImageHeader(ImageFormat.WEBP, W, H, 1), decoder.probe(extended));
  }

  @Test
  void bmpVariants() {
    byte[] topDown = BmpBytes.info24(3, 2, Bytes.pattern(3, 2, 3), true);
    assertEquals(-2, FileBytes.i32le(topDown, 22, "test"));
    assertEquals(new ImageHeader(ImageFormat.BMP, 3, 2, 1), decoder.probe(topDown));
    assertEquals(new ImageHeader(ImageFormat.BMP, 3, 2, 1),
        decoder.probe(BmpBytes.core24(3, 2, Bytes.pattern(3, 2, 3))));
  }

  @Test
  void hugeSizesAreReadFromTheHeaderAlone() {
    byte[] jpeg = JpegBytes.withFrameSize(OpenCvFixtures.encode(".jpg", 64, 64, 3,
        Bytes.pattern(64, 64, 3)), 65_500, 65_500);
    assertEquals(new ImageHeader(ImageFormat.JPEG, 65_500, 65_500, 1),
        header(ImageFormat.JPEG, jpeg));
    byte[] png = Bytes.concat(PngBytes.SIGNATURE, PngBytes.ihdr(100_000, 100_000, 8, 2),
        PngBytes.chunk("IDAT", new byte[10]), PngBytes.chunk("IEND", new byte[0]));
    assertEquals(new ImageHeader(ImageFormat.PNG, 100_000, 100_000, 1),
        header(ImageFormat.PNG, png));
    byte[] webp = WebpBytes.riff(WebpBytes.vp8x(0, 16_000_000, 3), WebpBytes.chunk("VP8L",
        new byte[5]));
    assertEquals(new ImageHeader(ImageFormat.WEBP, 16_000_000, 3, 1),
        header(ImageFormat.WEBP, webp));
  }

  @Test
  void orientationFromJpegPngAndWebpExif() {
    byte[] jpeg = OpenCvFixtures.encode(".jpg", W, H, 3, BGR);
    ImageHeader rotated = decoder.probe(ExifBytes.jpegWithOrientation(jpeg, 6));
    assertEquals(new ImageHeader(ImageFormat.JPEG, W, H, 6), rotated);
    assertEquals(H, rotated.orientedWidth());
    assertEquals(W, rotated.orientedHeight());
    byte[] littleEndian = Bytes.insert(jpeg, 2, ExifBytes.app1(ExifBytes.tiff(8, true)));
    assertEquals(8, decoder.probe(littleEndian).orientation());

    byte[] png = PngBytes.afterIhdr(OpenCvFixtures.encode(".png", W, H, 3, BGR),
        PngBytes.chunk("eXIf", ExifBytes.tiff(3, false)));
    ImageHeader upsideDown = decoder.probe(png);
    assertEquals(3, upsideDown.orientation());
    assertEquals(W, upsideDown.orientedWidth());

    byte[] lossless = OpenCvFixtures.encode(".webp", W, H, 3, BGR);
    byte[] webp = WebpBytes.riff(WebpBytes.vp8x(0x08, W, H), WebpBytes.imageChunk(lossless),
        WebpBytes.chunk("EXIF", ExifBytes.tiff(5, true)));
    assertEquals(5, decoder.probe(webp).orientation());
  }

  @Test
  void malformedExifCountsAsUpright() {
    byte[] jpeg = OpenCvFixtures.encode(".jpg", W, H, 3, BGR);
    byte[] badOffset = ExifBytes.tiff(6, false);
    Bytes.putU16be(badOffset, 4, 0x7FFF);
    byte[] badValue = ExifBytes.tiff(9, false);
    byte[] badType = ExifBytes.tiff(6, false);
    Bytes.putU16be(badType, 12, 4);
    byte[] cutShort = Arrays.copyOf(ExifBytes.tiff(6, false), 17);
    for (byte[] tiff : new byte[][] {badOffset, badValue, badType, cutShort, new byte[3]}) {
      assertEquals(1, decoder.probe(Bytes.insert(jpeg, 2, ExifBytes.app1(tiff))).orientation());
    }
    // Only the first Exif segment counts.
    byte[] two = Bytes.insert(ExifBytes.jpegWithOrientation(jpeg, 6), 2,
        ExifBytes.app1(ExifBytes.tiff(1, false)));
    assertEquals(1, decoder.probe(two).orientation());
  }

  @Test
  void malformedPngHeaders() {
    byte[] png = OpenCvFixtures.encode(".png", W, H, 3, BGR);
    assertEquals("image: PNG does not start with a 13-byte IHDR chunk",
        corrupt(ImageFormat.PNG, Bytes.remove(png, 8, 33)));
    assertEquals("image: PNG IHDR gives an invalid size 0x5",
        corrupt(ImageFormat.PNG, Bytes.concat(PngBytes.SIGNATURE, PngBytes.ihdr(0, 5, 8, 2))));
    assertEquals("image: PNG IHDR gives an invalid size 2147483648x5", corrupt(ImageFormat.PNG,
        Bytes.concat(PngBytes.SIGNATURE, PngBytes.ihdr(1L << 31, 5, 8, 2))));
    assertEquals("image: PNG IHDR has colour type 2 with bit depth 4, which PNG does not define",
        corrupt(ImageFormat.PNG, Bytes.concat(PngBytes.SIGNATURE, PngBytes.ihdr(5, 5, 4, 2))));
    assertEquals("image: PNG chunk IHDR at byte 8 runs past the end of the file (byte 33 of 20)",
        corrupt(ImageFormat.PNG, Arrays.copyOf(png, 20)));
    assertEquals("image: PNG chunk length runs past the end of the file (byte 12 of 10)",
        corrupt(ImageFormat.PNG, Arrays.copyOf(png, 10)));
    byte[] hugeChunk = Bytes.concat(PngBytes.SIGNATURE, PngBytes.ihdr(5, 5, 8, 2),
        Bytes.u32be(0xFFFF_FFF0L), Bytes.ascii("tEXt"));
    assertEquals("image: PNG chunk tEXt has length 4294967280, more than PNG allows",
        corrupt(ImageFormat.PNG, hugeChunk));
    assertEquals("image: PNG ends before its first IDAT chunk",
        corrupt(ImageFormat.PNG, Arrays.copyOf(png, 33)));
  }

  @Test
  void malformedJpegHeaders() {
    byte[] jpeg = OpenCvFixtures.encode(".jpg", W, H, 3, BGR);
    int sof = JpegBytes.find(jpeg, 0xC0);
    int sofEnd = sof + 2 + 17;
    assertEquals("image: JPEG has a scan before any frame header (SOF)",
        corrupt(ImageFormat.JPEG, Bytes.remove(jpeg, sof, sofEnd)));
    byte[] twoFrames = Bytes.insert(jpeg, sofEnd, Arrays.copyOfRange(jpeg, sof, sofEnd));
    assertEquals("image: JPEG has two frame headers (SOF)", corrupt(ImageFormat.JPEG, twoFrames));
    assertEquals("image: JPEG segment FFE0 at byte 2 runs past the end of the file (byte 20 of 12)",
        corrupt(ImageFormat.JPEG, Arrays.copyOf(jpeg, 12)));
    assertEquals("image: JPEG has no marker at byte 2",
        corrupt(ImageFormat.JPEG, Bytes.of(0xFF, 0xD8, 0xFF - 1, 0xE0, 0, 2)));
    assertEquals("image: JPEG has no frame header (SOF) before its end (EOI)",
        corrupt(ImageFormat.JPEG, Bytes.of(0xFF, 0xD8, 0xFF, 0xD9)));
    byte[] zeroWidth = JpegBytes.withFrameSize(jpeg, 0, H);
    assertEquals("image: JPEG frame header (SOF) gives a width of 0",
        corrupt(ImageFormat.JPEG, zeroWidth));
    byte[] twelveBit = jpeg.clone();
    twelveBit[sof + 4] = 12;
    assertEquals("image: 12-bit JPEG is not supported; only 8-bit samples are",
        unsupported(ImageFormat.JPEG, twelveBit));
    assertEquals("image: JPEG whose height is given by a DNL marker is not supported",
        unsupported(ImageFormat.JPEG, JpegBytes.withFrameSize(jpeg, W, 0)));
  }

  @Test
  void malformedWebpAndBmpHeaders() {
    assertEquals("image: WebP starts with an unknown chunk 'ABCD'", corrupt(ImageFormat.WEBP,
        WebpBytes.riff(WebpBytes.chunk("ABCD", new byte[10]))));
    assertEquals("image: RIFF size 4 is too small for WebP",
        corrupt(ImageFormat.WEBP, WebpBytes.riff()));
    assertEquals("image: WebP VP8L chunk has no 0x2F signature",
        corrupt(ImageFormat.WEBP, WebpBytes.riff(WebpBytes.chunk("VP8L", new byte[5]))));
    assertEquals("image: WebP VP8 frame has no start code",
        corrupt(ImageFormat.WEBP, WebpBytes.riff(WebpBytes.chunk("VP8 ", new byte[10]))));

    byte[] bmp = BmpBytes.info24(3, 2, Bytes.pattern(3, 2, 3), false);
    byte[] unknownDib = bmp.clone();
    Bytes.putU32le(unknownDib, 14, 41);
    assertEquals("image: BMP has an unknown DIB header size 41",
        corrupt(ImageFormat.BMP, unknownDib));
    assertEquals("image: BMP has an unknown DIB header size 544501614",
        corrupt(ImageFormat.BMP, Bytes.ascii("BMW is a car, not a bitmap")));
    byte[] minHeight = bmp.clone();
    Bytes.putU32le(minHeight, 22, Integer.MIN_VALUE);
    assertEquals("image: BMP gives an invalid size 3x-2147483648",
        corrupt(ImageFormat.BMP, minHeight));
    byte[] jpegInside = bmp.clone();
    Bytes.putU32le(jpegInside, 30, 4);
    assertEquals("image: BMP compression 4 is not supported; uncompressed, RLE and bit-field BMPs "
        + "are", unsupported(ImageFormat.BMP, jpegInside));
    assertEquals("image: BMP DIB header runs past the end of the file (byte 54 of 30)",
        corrupt(ImageFormat.BMP, Arrays.copyOf(bmp, 30)));
  }
}
