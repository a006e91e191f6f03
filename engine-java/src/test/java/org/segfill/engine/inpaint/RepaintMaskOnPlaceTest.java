package org.segfill.engine.inpaint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.segfill.engine.mask.Mask;
import org.segfill.place.KernelPlace;

/** The repaint mask built on the CPU place is the editor-built one, byte for byte. */
class RepaintMaskOnPlaceTest {

  private static final int[][] SIZES = {{97, 61}, {33, 129}, {1, 17}, {200, 3}};
  private static final RepaintShape[] SHAPES = {new RepaintShape(0, 0), RepaintShape.DEFAULT,
    new RepaintShape(23, 3), new RepaintShape(1, 40)};

  @Test
  void equalsTheEditorBuiltMaskForEveryTargetAndShape() {
    long seed = 1;
    for (int[] size : SIZES) {
      for (Target target : Target.values()) {
        for (RepaintShape shape : SHAPES) {
          String label = size[0] + "x" + size[1] + " " + target + " " + shape;
          byte[] pixels = Fixtures.randomSelection(size[0], size[1], seed++);
          try (Mask selection = Mask.of(size[0], size[1], pixels)) {
            RepaintMask want = HostRepaintMask.build(selection, target, shape);
            RepaintMask got = RepaintMask.build(KernelPlace.cpu(), selection, target, shape);
            assertArrayEquals(want.region(), got.region(), label);
            assertArrayEquals(want.alpha(), got.alpha(), label);
            assertEquals(want.bounds(), got.bounds(), label);
            assertArrayEquals(pixels, selection.toArray(), "the selection must not change");
          }
        }
      }
    }
  }

  // Guards the comparison above against comparing two empty masks.
  @Test
  void theRandomSelectionsGiveSoftNonTrivialMasks() {
    try (Mask selection = Mask.of(97, 61, Fixtures.randomSelection(97, 61, 5))) {
      RepaintMask m = RepaintMask.build(KernelPlace.cpu(), selection, Target.REMOVE,
          RepaintShape.DEFAULT);
      assertFalse(m.isEmpty());
      boolean soft = false;
      for (byte a : m.alpha()) {
        soft |= a != 0 && a != (byte) 255;
      }
      assertTrue(soft, "feathering gives soft alpha");
    }
  }

  @Test
  void refusesANullPlace() {
    try (Mask selection = Mask.blank(4, 4)) {
      assertThrows(IllegalArgumentException.class,
          () -> RepaintMask.build(null, selection, Target.REMOVE, RepaintShape.DEFAULT));
    }
  }
}
