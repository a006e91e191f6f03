package org.segfill.engine.inpaint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.segfill.engine.image.RgbImage;

class PasteBackTest {
  private final PasteBack pasteBack = new PasteBack();

  /** A 40x30 repaint mask whose alpha runs through every value 0..255 on a block. */
  private static RepaintMask ramp() {
    int w = 40;
    int h = 30;
    byte[] alpha = new byte[w * h];
    byte[] region = new byte[w * h];
    for (int i = 0; i < 256; i++) {
      int x = 10 + i % 16;
      int y = 8 + i / 16;
      alpha[y * w + x] = (byte) i;
      region[y * w + x] = (byte) (i >= 128 ? 255 : 0);
    }
    return new RepaintMask(w, h, region, alpha, PixelRect.boundsOf(alpha, w, h));
  }

  @Test
  void blendsByTheKernelFormulaAndKeepsAlphaZeroBytes() {
    RepaintMask mask = ramp();
    RgbImage original = Fixtures.texture(40, 30, 1);
    PixelRect rect = mask.bounds().padded(3, 40, 30);
    RgbImage other = Fixtures.texture(40, 30, 2);
    byte[] generated = rect.crop(other.rgb(), 40, 3);
    RgbImage out = pasteBack.composite(original, mask, rect, generated);

    int kept = 0;
    for (int y = 0; y < 30; y++) {
      for (int x = 0; x < 40; x++) {
        int i = y * 40 + x;
        int a = mask.alphaAt(x, y);
        for (int c = 0; c < 3; c++) {
          int o = Fixtures.channel(original.rgb(), i, c);
          int g = Fixtures.channel(other.rgb(), i, c);
          assertEquals((o * (255 - a) + g * a + 127) / 255, Fixtures.channel(out.rgb(), i, c));
        }
        if (a == 0) {
          assertTrue(Fixtures.samePixel(original.rgb(), out.rgb(), i));
          kept++;
        }
      }
    }
    assertEquals(40 * 30 - 255, kept);
  }

  @Test
  void refusesARectThatMissesRepaintedPixels() {
    RepaintMask mask = ramp();
    RgbImage original = Fixtures.flat(40, 30, 0, 0, 0);
    PixelRect small = new PixelRect(11, 8, 15, 16);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> pasteBack.composite(original, mask, small, new byte[(int) small.area() * 3]));
    assertTrue(e.getMessage().contains("alpha > 0"), e.getMessage());
    PixelRect rect = mask.bounds();
    assertThrows(IllegalArgumentException.class,
        () -> pasteBack.composite(original, mask, rect, new byte[5]));
    RgbImage wrong = Fixtures.flat(41, 30, 0, 0, 0);
    e = assertThrows(IllegalArgumentException.class,
        () -> pasteBack.composite(wrong, mask, rect, new byte[(int) rect.area() * 3]));
    assertEquals("mask is 40x30 but the image is 41x30; they must be the same size",
        e.getMessage());
  }
}
