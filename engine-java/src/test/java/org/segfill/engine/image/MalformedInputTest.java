package org.segfill.engine.image;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_WEBP_QUALITY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Damaged files either decode to the size their header promises or are refused with an
 * {@link ImageRejectedException}; no other exception escapes and the JVM survives.
 */
class MalformedInputTest {
  private static final int MUTATIONS = 300;

  private final ImageDecoder decoder = new ImageDecoder(ImageLimits.defaults());

  @Test
  void randomByteChangesInEveryFormat() {
    byte[] bgr = Bytes.pattern(24, 16, 3);
    byte[][] files = {
      OpenCvFixtures.encode(".png", 24, 16, 3, bgr),
      PngBytes.png(4, 2, 2, 3, new byte[][] {Bytes.of(0x1B), Bytes.of(0xE4)},
          PngBytes.chunk("PLTE", Bytes.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12))),
      ExifBytes.jpegWithOrientation(OpenCvFixtures.encode(".jpg", 24, 16, 3, bgr), 6),
      JpegBytes.solid(true, 200, 100, 50, 128),
      OpenCvFixtures.encode(".webp", 24, 16, 3, bgr),
      OpenCvFixtures.encode(".webp", 24, 16, 3, bgr,
          IMWRITE_WEBP_QUALITY, 80),
      OpenCvFixtures.encode(".bmp", 24, 16, 3, bgr),
      OpenCvFixtures.encode(".bmp", 24, 16, 1, Bytes.pattern(24, 16, 1)),
    };
    Random random = new Random(20240607);
    int decoded = 0;
    int refused = 0;
    for (byte[] original : files) {
      for (int i = 0; i < MUTATIONS; i++) {
        byte[] file = original.clone();
        int changes = 1 + random.nextInt(3);
        for (int c = 0; c < changes; c++) {
          file[random.nextInt(file.length)] = (byte) random.nextInt(256);
        }
        try {
          ImageHeader header = decoder.probe(file);
          RgbImage image = decoder.decode(file);
          assertEquals(header.orientedWidth(), image.width());
          assertEquals(header.orientedHeight(), image.height());
          decoded++;
        } catch (ImageRejectedException e) {
          refused++;
        } catch (RuntimeException e) {
          fail("mutation " + i + " of a " + ImageFormat.detect(original).orElseThrow()
              + " escaped as " + e, e);
        }
      }
    }
    // Both outcomes occur, so the test exercises the decoder as well as the checks.
    assertEquals(files.length * MUTATIONS, decoded + refused);
    if (decoded == 0 || refused == 0) {
      fail("decoded " + decoded + ", refused " + refused);
    }
  }
}
