package org.segfill.engine.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class ImageLimitsTest {

  private static ImageRejectedException rejected(Executable e) {
    return assertThrows(ImageRejectedException.class, e);
  }

  @Test
  void defaultsAre25MibAnd40MegapixelsAnd8192PerSide() {
    ImageLimits d = ImageLimits.defaults();
    assertEquals(26_214_400L, d.maxBytes());
    assertEquals(40_000_000L, d.maxPixels());
    assertEquals(8192, d.maxSide());
  }

  @Test
  void refusesLimitsOutOfRange() {
    assertEquals("maxBytes must be in [1, 2147483639], got 0",
        assertThrows(IllegalArgumentException.class, () -> new ImageLimits(0, 1, 1))
            .getMessage());
    assertEquals("maxPixels must be in [1, 500000000], got 500000001",
        assertThrows(IllegalArgumentException.class,
            () -> new ImageLimits(1, 500_000_001L, 1)).getMessage());
    assertEquals("maxSide must be in [1, 32768], got 32769",
        assertThrows(IllegalArgumentException.class, () -> new ImageLimits(1, 1, 32769))
            .getMessage());
  }

  @Test
  void byteLimitIsInclusiveAndNamesBothNumbers() {
    ImageLimits d = ImageLimits.defaults();
    d.checkBytes(26_214_400L);
    ImageRejectedException e = rejected(() -> d.checkBytes(26_214_401L));
    assertEquals(ImageRejectedException.Kind.TOO_LARGE, e.kind());
    assertEquals("image: 26214401 bytes; at most 26214400 bytes (25 MiB) allowed", e.getMessage());
    assertEquals("image: 101 bytes; at most 100 bytes allowed",
        rejected(() -> new ImageLimits(100, 1, 1).checkBytes(101)).getMessage());
  }

  @Test
  void zeroBytesAreEmpty() {
    ImageRejectedException e = rejected(() -> ImageLimits.defaults().checkBytes(0));
    assertEquals(ImageRejectedException.Kind.EMPTY, e.kind());
    assertEquals("image: empty (0 bytes)", e.getMessage());
  }

  @Test
  void pixelAndSideLimitsAreInclusive() {
    ImageLimits d = ImageLimits.defaults();
    d.checkDimensions(8192, 4882);
    d.checkDimensions(4882, 8192);
    assertEquals("image: 8192x4883 is 40001536 pixels; at most 40000000 allowed",
        rejected(() -> d.checkDimensions(8192, 4883)).getMessage());
    assertEquals("image: 100000x100000 is 10000000000 pixels; at most 40000000 allowed",
        rejected(() -> d.checkDimensions(100_000, 100_000)).getMessage());
    ImageRejectedException side = rejected(() -> d.checkDimensions(100, 8193));
    assertEquals(ImageRejectedException.Kind.TOO_LARGE, side.kind());
    assertEquals("image: 100x8193 has a side of 8193 px; at most 8192 px per side allowed",
        side.getMessage());
  }
}
