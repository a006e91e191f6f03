package org.segfill.engine.inpaint.classic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.segfill.engine.inpaint.Fixtures;
import org.segfill.engine.inpaint.PixelRect;

/** The parts of {@link ShiftMapFill}: its work area, {@link PoissonBlend}, {@link ShiftMap}. */
class ClassicShiftMapFillTest {

  @Test
  void holesWithinTheBudgetAreFilledAtFullResolutionWithTheirThicknessAsContext() {
    // A 121 px disk (11,5xx px): context = its shorter side, 121 px.
    ShiftMapFill.WorkArea disk = ShiftMapFill.plan(new PixelRect(500, 400, 121, 121), 11_500,
        1152, 896);
    assertEquals(1.0, disk.scale());
    assertEquals(new PixelRect(379, 279, 363, 363), disk.crop());
    // A 6 px line: 32 px of context at least; a 1000 px thick one: 128 at most.
    assertEquals(new PixelRect(68, 368, 1064, 70),
        ShiftMapFill.plan(new PixelRect(100, 400, 1000, 6), 6000, 1152, 896).crop());
    ShiftMapFill.WorkArea corner = ShiftMapFill.plan(new PixelRect(0, 0, 30, 30), 700, 64, 48);
    assertEquals(new PixelRect(0, 0, 62, 48), corner.crop());
  }

  @Test
  void largerHolesAreFilledAtTheResolutionThatBringsThemWithinTheBudget() {
    long area = 4L * ShiftMapFill.HOLE_BUDGET;
    ShiftMapFill.WorkArea big = ShiftMapFill.plan(new PixelRect(1000, 1000, 250, 250), area,
        4000, 3000);
    assertEquals(0.5, big.scale(), 1e-12);
    // Context 125 working px (the 250 px side at half scale) = 250 photo px.
    assertEquals(new PixelRect(750, 750, 750, 750), big.crop());
    assertEquals(375, big.workWidth());
  }

  @Test
  void workingCropsStayWithinWhatShiftMapTakesWithoutResampling() {
    // A thin diagonal of 8,000 px has 1,000 px bounds: 128 px of context makes a 1256 px crop,
    // which xphoto would shrink to 800x600 and then fill only in part.
    ShiftMapFill.WorkArea diagonal = ShiftMapFill.plan(new PixelRect(1000, 1000, 1000, 1000),
        8000, 4000, 3000);
    assertEquals(1256, diagonal.crop().width());
    assertTrue(diagonal.workWidth() < 600, "work width " + diagonal.workWidth());
  }

  @Test
  void theBlendShadesCopiesFromOtherPlacesBackIntoTheRamp() {
    // A horizontal ramp; the fill's left half is a copy 10 levels too dark, its right half one
    // 5 levels too bright (shift-map's copies from further left and right). The ring's steps
    // are 1 level, so the 16-level seam between the copies is clipped to 1, their offsets are
    // shaded away, and the result is the ramp itself.
    int w = 40;
    int h = 30;
    byte[] ramp = new byte[w * h * 3];
    byte[] fill = new byte[w * h * 3];
    for (int i = 0; i < w * h; i++) {
      for (int c = 0; c < 3; c++) {
        ramp[3 * i + c] = (byte) (100 + i % w);
        fill[3 * i + c] = (byte) (i % w < 20 ? 90 + i % w : 105 + i % w);
      }
    }
    byte[] hole = Fixtures.disk(w, h, 20, 15, 8);
    byte[] ring = Fixtures.disk(w, h, 20, 15, 11);
    assertArrayEquals(new int[] {1, 1, 1}, PoissonBlend.ringSteps(ramp, hole, ring, w, h));
    byte[] out = PoissonBlend.blend(ramp, fill, hole, ring, w, h);
    assertArrayEquals(ramp, out);
  }

  @Test
  void theBlendKeepsTextureWhoseStepsTheRingAlsoHas() {
    // Stripes 2 px wide, 60 levels apart, everywhere; the fill is the same stripes: the clip
    // (60) keeps every step, and the result is the stripes.
    int w = 40;
    int h = 30;
    byte[] stripes = new byte[w * h * 3];
    for (int i = 0; i < w * h; i++) {
      for (int c = 0; c < 3; c++) {
        stripes[3 * i + c] = (byte) ((i % w) / 2 % 2 == 0 ? 80 : 140);
      }
    }
    byte[] hole = Fixtures.disk(w, h, 20, 15, 8);
    byte[] ring = Fixtures.disk(w, h, 20, 15, 11);
    assertArrayEquals(new int[] {60, 60, 60}, PoissonBlend.ringSteps(stripes, hole, ring, w, h));
    assertArrayEquals(stripes, PoissonBlend.blend(stripes, stripes.clone(), hole, ring, w, h));
  }

  @Test
  void unreachablePixelsAreTheHolePixelsShiftMapLeftAtLabZero() {
    byte[] lab = {0, 0, 0, 0, 0, 0, 50, (byte) 128, (byte) 128, 0, 0, 0};
    byte[] hole = {(byte) 255, 0, (byte) 255, (byte) 255};
    assertArrayEquals(new byte[] {(byte) 255, 0, 0, (byte) 255}, ShiftMap.unreachable(lab, hole));
    assertNull(ShiftMap.unreachable(new byte[] {9, 9, 9}, new byte[] {(byte) 255}));
  }
}
