package org.segfill.engine.inpaint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PixelRectTest {
  @Test
  void boundsHoldExactlyTheNonZeroPixels() {
    byte[] m = new byte[10 * 6];
    assertEquals(PixelRect.EMPTY, PixelRect.boundsOf(m, 10, 6));
    m[2 * 10 + 7] = 1;
    m[4 * 10 + 3] = (byte) 200;
    assertEquals(new PixelRect(3, 2, 5, 3), PixelRect.boundsOf(m, 10, 6));
  }

  @Test
  void paddingClipsToTheImage() {
    PixelRect r = new PixelRect(3, 2, 5, 3);
    assertEquals(new PixelRect(0, 0, 10, 6), r.padded(4, 10, 6));
    assertEquals(new PixelRect(2, 1, 7, 5), r.padded(1, 10, 6));
    assertEquals(PixelRect.EMPTY, PixelRect.EMPTY.padded(5, 10, 6));
    assertTrue(r.padded(1, 10, 6).contains(r));
    assertFalse(r.contains(r.padded(1, 10, 6)));
    assertTrue(r.contains(PixelRect.EMPTY));
  }

  @Test
  void cropCopiesRowsOfWholePixels() {
    byte[] rgb = new byte[4 * 3 * 3];
    for (int i = 0; i < rgb.length; i++) rgb[i] = (byte) i;
    // Pixels (1,1) and (2,1) of a 4x3 image: bytes 15..20.
    assertArrayEquals(new byte[] {15, 16, 17, 18, 19, 20},
        new PixelRect(1, 1, 2, 1).crop(rgb, 4, 3));
  }

  @Test
  void refusesNegativeOrHalfEmptySizes() {
    assertThrows(IllegalArgumentException.class, () -> new PixelRect(-1, 0, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> new PixelRect(0, 0, 0, 1));
  }
}
