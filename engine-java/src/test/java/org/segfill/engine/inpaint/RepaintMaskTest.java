package org.segfill.engine.inpaint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.segfill.engine.mask.Mask;

class RepaintMaskTest {
  private static final int W = 120;
  private static final int H = 100;
  /** The subject: columns 40..79, rows 30..69. */
  private static final byte[] SUBJECT = Fixtures.rect(W, H, 40, 30, 40, 40);

  private static RepaintMask build(byte[] selection, Target target, int grow, int feather) {
    try (Mask m = Mask.of(W, H, selection)) {
      RepaintMask r = RepaintMask.build(m, target, new RepaintShape(grow, feather));
      assertArrayEquals(selection, m.toArray(), "the selection must not change");
      return r;
    }
  }

  /** Axis distances from (x, y) to the subject rectangle (0 inside). */
  private static int dx(int x) {
    return Math.max(0, Math.max(40 - x, x - 79));
  }

  private static int dy(int y) {
    return Math.max(0, Math.max(30 - y, y - 69));
  }

  @Test
  void regionIsTheSelectionGrownByADisk() {
    RepaintMask rm = build(SUBJECT, Target.REMOVE, 6, 8);
    byte[] expected = new byte[W * H];
    for (int y = 0; y < H; y++) {
      for (int x = 0; x < W; x++) {
        if (dx(x) * dx(x) + dy(y) * dy(y) <= 36) {
          expected[y * W + x] = (byte) 255;
        }
      }
    }
    assertArrayEquals(expected, rm.region());
    // 40x40, four 40x6 sides, and four rounded corners of 22 lattice points each.
    assertEquals(1600 + 4 * 240 + 4 * 22, rm.regionArea());
  }

  @Test
  void alphaIsZeroBeyondGrowPlusFeatherAndFullWhereTheWindowIsRegion() {
    RepaintMask rm = build(SUBJECT, Target.REMOVE, 6, 8);
    int[] toSubject = Fixtures.chebyshevDistance(SUBJECT, W, H);
    int[] toKept = Fixtures.chebyshevDistance(Fixtures.complement(rm.region()), W, H);
    int zeros = 0;
    int full = 0;
    for (int i = 0; i < W * H; i++) {
      int a = rm.alpha()[i] & 0xff;
      if (toSubject[i] > 6 + 8) {
        assertEquals(0, a, "pixel " + i);
        zeros++;
      }
      if (toKept[i] > 8) {
        assertEquals(255, a, "pixel " + i);
        full++;
      }
    }
    // The subject grown by 14 px in every direction is 68x68.
    assertEquals(W * H - 68 * 68, zeros);
    // At least a cross: away from the rounded corners the grown region is the subject widened
    // by 6 px, so its full-alpha core reaches 6 - 8 = -2 px from the subject's sides (36 px)
    // across the 24 central rows and columns.
    assertTrue(full >= 2 * 36 * 24 - 24 * 24, "full " + full);
    PixelRect subject = new PixelRect(40, 30, 40, 40);
    assertTrue(subject.padded(14, W, H).contains(rm.bounds()), rm.bounds().toString());
    assertTrue(rm.bounds().contains(subject.padded(6, W, H)), rm.bounds().toString());
  }

  @Test
  void theSeamIsSoftAndCentredOnTheGrownEdge() {
    RepaintMask rm = build(SUBJECT, Target.REMOVE, 6, 8);
    int y = 50;
    int edge = 79 + 6; // last region column on this row
    int previous = 255;
    int soft = 0;
    for (int x = 60; x < W; x++) {
      int a = rm.alphaAt(x, y);
      assertTrue(a <= previous, "alpha must fall away from the subject at x=" + x);
      previous = a;
      if (a > 0 && a < 255) {
        soft++;
      }
    }
    // sigma = 8/3 px: the seam spans several pixels on both sides of the grown edge.
    assertTrue(soft >= 8, "soft pixels " + soft);
    assertTrue(rm.alphaAt(edge, y) > 128 && rm.alphaAt(edge + 1, y) < 128,
        rm.alphaAt(edge, y) + " " + rm.alphaAt(edge + 1, y));
  }

  @Test
  void growShiftsTheSeamByTheGrowDifference() {
    RepaintMask g6 = build(SUBJECT, Target.REMOVE, 6, 8);
    RepaintMask g2 = build(SUBJECT, Target.REMOVE, 2, 8);
    // On row 50 every feather window's rows lie inside the subject's rows, so growing moves the
    // right edge by exactly the grow and the seam with it.
    for (int x = 64; x < W; x++) {
      assertEquals(g2.alphaAt(x - 4, 50), g6.alphaAt(x, 50), "x=" + x);
    }
  }

  @Test
  void featherZeroGivesTheBinaryRegionAndGrowZeroTheSelection() {
    RepaintMask rm = build(SUBJECT, Target.REMOVE, 3, 0);
    assertArrayEquals(rm.region(), rm.alpha());
    RepaintMask none = build(SUBJECT, Target.SUBJECT, 0, 0);
    assertArrayEquals(SUBJECT, none.alpha());
    assertEquals(new PixelRect(40, 30, 40, 40), none.bounds());
  }

  @Test
  void backgroundRepaintsTheComplementGrownIntoTheSubject() {
    RepaintMask rm = build(SUBJECT, Target.BACKGROUND, 6, 8);
    int[] toSubject = Fixtures.chebyshevDistance(SUBJECT, W, H);
    int core = 0;
    int far = 0;
    for (int y = 0; y < H; y++) {
      for (int x = 0; x < W; x++) {
        int i = y * W + x;
        // Depth inside the subject: distance to the nearest column or row outside it.
        int depth = Math.min(Math.min(x - 39, 80 - x), Math.min(y - 29, 70 - y));
        boolean inRegion = depth <= 6;
        assertEquals(inRegion ? 255 : 0, rm.region()[i] & 0xff, "region at " + x + "," + y);
        if (depth > 6 + 8) {
          assertEquals(0, rm.alpha()[i] & 0xff, "core at " + x + "," + y);
          core++;
        }
        if (toSubject[i] > 8) {
          assertEquals(255, rm.alpha()[i] & 0xff, "far at " + x + "," + y);
          far++;
        }
      }
    }
    assertEquals(12 * 12, core);
    assertEquals(W * H - 56 * 56, far);
    assertEquals(PixelRect.of(W, H), rm.bounds());
  }

  @Test
  void softSelectionsBinariseAt128() {
    byte[] soft = new byte[W * H];
    java.util.Arrays.fill(soft, (byte) 127);
    for (int i = 0; i < soft.length; i++) {
      if (SUBJECT[i] != 0) {
        soft[i] = (byte) 128;
      }
    }
    assertArrayEquals(build(SUBJECT, Target.REMOVE, 4, 2).alpha(),
        build(soft, Target.REMOVE, 4, 2).alpha());
    assertArrayEquals(build(SUBJECT, Target.BACKGROUND, 4, 2).alpha(),
        build(soft, Target.BACKGROUND, 4, 2).alpha());
  }

  @Test
  void shapeRangesNameTheApiFields() {
    assertEquals(new RepaintShape(6, 8), RepaintShape.DEFAULT);
    String[][] cases = {{"-1", "8", "maskGrow must be in [0, 256], got -1"},
        {"257", "8", "maskGrow must be in [0, 256], got 257"},
        {"6", "-1", "maskFeather must be in [0, 255], got -1"},
        {"6", "256", "maskFeather must be in [0, 255], got 256"}};
    for (String[] c : cases) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> new RepaintShape(Integer.parseInt(c[0]), Integer.parseInt(c[1])));
      assertEquals(c[2], e.getMessage());
    }
    new RepaintShape(256, 255);
  }
}
