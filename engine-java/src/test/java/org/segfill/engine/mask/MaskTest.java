package org.segfill.engine.mask;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MaskTest {

  @Test
  void copiesPixelsAndCountsOnly255() {
    byte[] px = {0, (byte) 255, (byte) 128, (byte) 255, 0, (byte) 255};
    try (Mask m = Mask.of(3, 2, px)) {
      px[1] = 0; // the mask owns a copy
      assertEquals(3, m.width());
      assertEquals(2, m.height());
      assertEquals(3, m.area());
      assertEquals(255, m.get(1, 0));
      assertEquals(128, m.get(2, 0));
      assertFalse(m.isBinary());
      assertArrayEquals(new byte[] {0, (byte) 255, (byte) 128, (byte) 255, 0, (byte) 255},
          m.toArray());
    }
  }

  @Test
  void blankIsAllZero() {
    try (Mask m = Mask.blank(7, 5)) {
      assertEquals(0, m.area());
      assertTrue(m.isBinary());
      assertArrayEquals(new byte[35], m.toArray());
    }
  }

  @Test
  void closedMaskRefusesAccess() {
    Mask m = Mask.blank(2, 2);
    m.close();
    m.close(); // idempotent
    assertEquals("mask is closed",
        assertThrows(IllegalStateException.class, m::area).getMessage());
  }

  @Test
  void validationMessages() {
    assertEquals("width must be in [1, 32768], got 0",
        assertThrows(IllegalArgumentException.class, () -> Mask.blank(0, 4)).getMessage());
    assertEquals("height must be in [1, 32768], got 32769",
        assertThrows(IllegalArgumentException.class, () -> Mask.blank(4, 32769)).getMessage());
    assertEquals("pixels must hold width * height = 6 bytes for a 3x2 mask, got 5",
        assertThrows(IllegalArgumentException.class, () -> Mask.of(3, 2, new byte[5]))
            .getMessage());
    assertEquals("pixels must not be null",
        assertThrows(IllegalArgumentException.class, () -> Mask.of(3, 2, null)).getMessage());
    try (Mask m = Mask.blank(3, 2)) {
      assertEquals("x must be in [0, 2], got 3",
          assertThrows(IllegalArgumentException.class, () -> m.get(3, 0)).getMessage());
      assertEquals("y must be in [0, 1], got -1",
          assertThrows(IllegalArgumentException.class, () -> m.get(0, -1)).getMessage());
    }
  }
}
