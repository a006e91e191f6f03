package org.segfill.engine.image;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR_RGB;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** EXIF orientation is applied for JPEG, PNG eXIf and WebP EXIF (reliability C11). */
class OrientationTest {
  private final ImageDecoder decoder = new ImageDecoder(ImageLimits.defaults());

  @Test
  void jpegWithOrientation6IsTurnedClockwise() {
    // 16x8: left half red, right half blue. A quarter turn clockwise puts the left half on top.
    int w = 16;
    int h = 8;
    byte[] bgr = new byte[w * h * 3];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int i = (y * w + x) * 3;
        bgr[i + (x < w / 2 ? 2 : 0)] = (byte) 255;
      }
    }
    byte[] jpeg = ExifBytes.jpegWithOrientation(OpenCvFixtures.encode(".jpg", w, h, 3, bgr), 6);
    RgbImage image = decoder.decode(jpeg);
    assertEquals(8, image.width());
    assertEquals(16, image.height());
    assertRgbNear(image, 4, 3, 255, 0, 0);
    assertRgbNear(image, 4, 12, 0, 0, 255);
    DecodedPixels stored = decoder.decodePixels(jpeg);
    assertEquals(8, stored.width());
    assertEquals(16, stored.height());
    // OpenCV applies JPEG orientation itself under IMREAD_COLOR_RGB: same pixels as ours.
    DecodedPixels oracle = OpenCvFixtures.imdecode(jpeg, IMREAD_COLOR_RGB);
    assertEquals(8, oracle.width());
    assertArrayEquals(oracle.pixels(), image.rgb());
    assertArrayEquals(oracle.pixels(), stored.pixels());
  }

  private static void assertRgbNear(RgbImage image, int x, int y, int r, int g, int b) {
    int i = (y * image.width() + x) * 3;
    int[] got = {image.rgb()[i] & 0xFF, image.rgb()[i + 1] & 0xFF, image.rgb()[i + 2] & 0xFF};
    int[] want = {r, g, b};
    for (int c = 0; c < 3; c++) {
      assertTrue(Math.abs(got[c] - want[c]) <= 8,
          "pixel " + x + "," + y + " is " + Arrays.toString(got));
    }
  }

  @Test
  void everyOrientationMatchesOpenCvOnPngExif() {
    int w = 3;
    int h = 2;
    byte[] rgb = Bytes.pattern(w, h, 3);
    byte[] png = OpenCvFixtures.encode(".png", w, h, 3, OpenCvFixtures.swapRedBlue(rgb, 3));
    for (int o = 1; o <= 8; o++) {
      byte[] oriented = PngBytes.afterIhdr(png, PngBytes.chunk("eXIf", ExifBytes.tiff(o, o % 2
          == 0)));
      RgbImage ours = decoder.decode(oriented);
      DecodedPixels oracle = OpenCvFixtures.imdecode(oriented, IMREAD_COLOR_RGB);
      assertEquals(oracle.width(), ours.width(), "orientation " + o);
      assertEquals(oracle.height(), ours.height(), "orientation " + o);
      assertArrayEquals(oracle.pixels(), ours.rgb(), "orientation " + o);
      assertArrayEquals(oracle.pixels(), decoder.decodePixels(oriented).pixels(),
          "orientation " + o);
    }
  }

  @Test
  void orientation6MapsPixelsAsTheExifStandardSays() {
    int w = 3;
    int h = 2;
    byte[] rgb = Bytes.pattern(w, h, 3);
    byte[] png = PngBytes.afterIhdr(PngEncoder.encode(new RgbImage(w, h, rgb)),
        PngBytes.chunk("eXIf", ExifBytes.tiff(6, false)));
    RgbImage turned = decoder.decode(png);
    assertEquals(h, turned.width());
    assertEquals(w, turned.height());
    // Turned clockwise: output (x', y') shows input (x = y', y = h - 1 - x').
    for (int y2 = 0; y2 < w; y2++) {
      for (int x2 = 0; x2 < h; x2++) {
        int src = ((h - 1 - x2) * w + y2) * 3;
        int dst = (y2 * h + x2) * 3;
        for (int c = 0; c < 3; c++) {
          assertEquals(rgb[src + c], turned.rgb()[dst + c]);
        }
      }
    }
  }

  @Test
  void webpExifOrientationIsAppliedToo() {
    int w = 5;
    int h = 2;
    byte[] bgr = Bytes.pattern(w, h, 3);
    byte[] lossless = OpenCvFixtures.encode(".webp", w, h, 3, bgr);
    byte[] upright = decoder.decode(lossless).rgb();
    byte[] webp = WebpBytes.riff(WebpBytes.vp8x(0x08, w, h), WebpBytes.imageChunk(lossless),
        WebpBytes.chunk("EXIF", ExifBytes.tiff(3, false)));
    RgbImage turned = decoder.decode(webp);
    assertEquals(w, turned.width());
    // Orientation 3 is a half turn: the pixel order reverses.
    for (int i = 0; i < w * h; i++) {
      for (int c = 0; c < 3; c++) {
        assertEquals(upright[i * 3 + c], turned.rgb()[(w * h - 1 - i) * 3 + c]);
      }
    }
  }

  @Test
  void malformedExifDecodesUpright() {
    byte[] jpeg = OpenCvFixtures.encode(".jpg", 16, 8, 3, Bytes.pattern(16, 8, 3));
    byte[] tiff = ExifBytes.tiff(6, false);
    Bytes.putU16be(tiff, 4, 0x7FFF);
    RgbImage image = decoder.decode(Bytes.insert(jpeg, 2, ExifBytes.app1(tiff)));
    assertEquals(16, image.width());
    assertArrayEquals(decoder.decode(jpeg).rgb(), image.rgb());
  }
}
