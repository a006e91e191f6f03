package org.segfill.engine.image;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PngEncoderTest {
  private final ImageDecoder decoder = new ImageDecoder(ImageLimits.defaults());

  @Test
  void rgbRoundTripIsExact() {
    RgbImage image = new RgbImage(37, 23, Bytes.pattern(37, 23, 3));
    byte[] png = PngEncoder.encode(image);
    assertEquals(new ImageHeader(ImageFormat.PNG, 37, 23, 1), decoder.probe(png));
    assertEquals(8, png[24], "bit depth");
    assertEquals(2, png[25], "colour type RGB");
    RgbImage back = decoder.decode(png);
    assertEquals(37, back.width());
    assertEquals(23, back.height());
    assertArrayEquals(image.rgb(), back.rgb());
    // R, G, B order in the file: OpenCV's own decode gives B, G, R.
    byte[] bgr = OpenCvFixtures.imdecode(png,
        IMREAD_COLOR).pixels();
    assertArrayEquals(OpenCvFixtures.swapRedBlue(image.rgb(), 3), bgr);
  }

  @Test
  void grayMaskRoundTripIsExact() {
    byte[] mask = Bytes.pattern(41, 19, 1);
    byte[] png = PngEncoder.encodeGray(41, 19, mask);
    assertEquals(8, png[24], "bit depth");
    assertEquals(0, png[25], "colour type gray");
    DecodedPixels back = decoder.decodePixels(png);
    assertEquals(41, back.width());
    assertEquals(19, back.height());
    assertEquals(1, back.channels());
    assertArrayEquals(mask, back.pixels());
  }

  @Test
  void encodingIsDeterministic() {
    RgbImage image = new RgbImage(9, 9, Bytes.pattern(9, 9, 3));
    assertArrayEquals(PngEncoder.encode(image), PngEncoder.encode(image));
  }

  @Test
  void refusesBadGrayInput() {
    assertEquals("gray must hold width * height = 6 bytes, got 5",
        assertThrows(IllegalArgumentException.class,
            () -> PngEncoder.encodeGray(3, 2, new byte[5])).getMessage());
    assertEquals("width and height must be > 0, got 0x2",
        assertThrows(IllegalArgumentException.class,
            () -> PngEncoder.encodeGray(0, 2, new byte[0])).getMessage());
    assertThrows(NullPointerException.class, () -> PngEncoder.encodeGray(1, 1, null));
    assertThrows(NullPointerException.class, () -> PngEncoder.encode(null));
  }
}
