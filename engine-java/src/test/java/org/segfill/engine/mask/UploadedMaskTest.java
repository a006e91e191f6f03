package org.segfill.engine.mask;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class UploadedMaskTest {
  private static final byte F = (byte) 255;

  private static byte[] convert(int w, int h, int channels, int... values) {
    byte[] px = new byte[values.length];
    for (int i = 0; i < px.length; i++) px[i] = (byte) values[i];
    try (Mask m = UploadedMask.toMask(w, h, w, h, channels, px)) {
      return m.toArray();
    }
  }

  private static String message(Executable e) {
    return assertThrows(IllegalArgumentException.class, e).getMessage();
  }

  @Test
  void pillowLumaOfPrimaries() {
    assertEquals(76, UploadedMask.luma(255, 0, 0));
    assertEquals(150, UploadedMask.luma(0, 255, 0));
    assertEquals(29, UploadedMask.luma(0, 0, 255));
    for (int v = 0; v < 256; v++) assertEquals(v, UploadedMask.luma(v, v, v));
  }

  @Test
  void grayBinarisesAt128() {
    assertArrayEquals(new byte[] {0, 0, F, F}, convert(2, 2, 1, 0, 127, 128, 255));
  }

  @Test
  void rgbUsesLuma() {
    assertArrayEquals(new byte[] {0, F, 0, F, 0},
        convert(5, 1, 3, 127, 127, 127, 128, 128, 128, 255, 0, 0, 0, 255, 0, 0, 0, 255));
  }

  @Test
  void opaqueRgbaUsesLumaAndTranslucentRgbaUsesAlpha() {
    assertArrayEquals(new byte[] {F, 0}, convert(2, 1, 4, 255, 255, 255, 255, 0, 0, 0, 255));
    // Luma would give {0, 255}; one alpha below 255 switches to alpha.
    assertArrayEquals(new byte[] {F, 0}, convert(2, 1, 4, 0, 0, 0, 200, 255, 255, 255, 100));
    assertArrayEquals(new byte[] {0, F}, convert(2, 1, 4, 0, 0, 0, 127, 255, 255, 255, 128));
  }

  @Test
  void refusesBadInput() {
    assertEquals("uploaded mask is 100x50 but the image is 200x100; the mask must have the "
        + "image's size",
        message(() -> UploadedMask.toMask(200, 100, 100, 50, 1, new byte[5000])));
    assertEquals("channels must be 1, 3 or 4, got 2",
        message(() -> UploadedMask.toMask(2, 2, 2, 2, 2, new byte[8])));
    assertEquals("pixels must hold width * height * channels = 12 bytes, got 11",
        message(() -> UploadedMask.toMask(2, 2, 2, 2, 3, new byte[11])));
    assertEquals("pixels must not be null",
        message(() -> UploadedMask.toMask(2, 2, 2, 2, 3, null)));
    assertEquals("width must be in [1, 32768], got 0",
        message(() -> UploadedMask.toMask(0, 2, 2, 2, 3, new byte[12])));
  }
}
