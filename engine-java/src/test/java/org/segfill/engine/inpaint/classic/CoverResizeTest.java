package org.segfill.engine.inpaint.classic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.segfill.engine.inpaint.PixelRect;

class CoverResizeTest {
  @Test
  void cropsTheLongAxisEquallyFromBothEnds() {
    assertEquals(new PixelRect(50, 0, 100, 100), CoverResize.sourceCrop(200, 100, 100, 100));
    assertEquals(new PixelRect(0, 100, 100, 100), CoverResize.sourceCrop(100, 300, 100, 100));
    assertEquals(new PixelRect(15, 0, 30, 60), CoverResize.sourceCrop(60, 60, 90, 180));
    assertEquals(new PixelRect(0, 15, 60, 30), CoverResize.sourceCrop(60, 60, 180, 90));
  }

  @Test
  void keepsTheWholeSourceWhenTheAspectMatches() {
    assertEquals(new PixelRect(0, 0, 640, 480), CoverResize.sourceCrop(640, 480, 4000, 3000));
    assertEquals(new PixelRect(0, 0, 7, 7), CoverResize.sourceCrop(7, 7, 1, 1));
  }

  @Test
  void roundsToWholePixelsAndNeverCollapses() {
    // 1920x1080 onto 1000x1000: 1080 columns from 420.
    assertEquals(new PixelRect(420, 0, 1080, 1080), CoverResize.sourceCrop(1920, 1080, 1000, 1000));
    // 101 onto 100 wide, same height: the odd column goes to the right.
    assertEquals(new PixelRect(0, 0, 100, 50), CoverResize.sourceCrop(101, 50, 100, 50));
    // 100 * 2 / 3 = 66.7 rounds to 67.
    assertEquals(new PixelRect(16, 0, 67, 100), CoverResize.sourceCrop(100, 100, 2, 3));
    // A one-pixel-tall strip onto a tall photo keeps one column.
    assertEquals(new PixelRect(499, 0, 1, 1), CoverResize.sourceCrop(1000, 1, 1, 1000));
  }
}
