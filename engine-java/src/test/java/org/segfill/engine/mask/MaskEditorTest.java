package org.segfill.engine.mask;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MaskEditorTest {
  private final MaskEditor editor = new MaskEditor();

  private byte[] edit(int w, int h, byte[] px, MaskEdit... edits) {
    try (Mask in = Mask.of(w, h, px); Mask out = editor.apply(in, List.of(edits))) {
      assertArrayEquals(px, in.toArray(), "the input mask must not change");
      return out.toArray();
    }
  }

  @Test
  void invertTwiceIsIdentityAndOnceIsComplement() {
    byte[] px = new byte[64 * 3];
    for (int i = 0; i < px.length; i++) px[i] = (byte) (i * 37);
    assertArrayEquals(px, edit(64, 3, px, new MaskEdit.Invert(), new MaskEdit.Invert()));
    byte[] once = edit(64, 3, px, new MaskEdit.Invert());
    for (int i = 0; i < px.length; i++) assertEquals(255 - (px[i] & 0xff), once[i] & 0xff);
  }

  @Test
  void noEditsGivesAnEqualCopy() {
    byte[] px = Shapes.disk(20, 10, 5, 5, 3);
    assertArrayEquals(px, edit(20, 10, px));
  }

  @Test
  void growDiskMatchesBruteForceAndTheLargerDisk() {
    int w = 96, h = 96, r = 20, k = 7;
    byte[] disk = Shapes.disk(w, h, 48, 48, r);
    byte[] grown = edit(w, h, disk, new MaskEdit.Grow(k));
    byte[] expected = Shapes.morph(disk, w, h, k, false);
    assertArrayEquals(expected, grown);
    long area = Shapes.count(grown);
    assertEquals(Shapes.count(expected), area);
    long lattice = Shapes.latticeDisk(r + k);
    assertEquals(2289, lattice); // lattice points with x^2 + y^2 <= 27^2
    // The Minkowski sum of two lattice disks is a little smaller than the lattice disk r + k.
    assertEquals(2245, area);
    assertTrue(Math.abs(area - lattice) <= 0.02 * lattice, area + " vs " + lattice);
  }

  @Test
  void shrinkDiskMatchesBruteForceAndBorderDoesNotErode() {
    int w = 96, h = 96, r = 20, k = 7;
    byte[] disk = Shapes.disk(w, h, 48, 48, r);
    byte[] shrunk = edit(w, h, disk, new MaskEdit.Shrink(k));
    assertArrayEquals(Shapes.morph(disk, w, h, k, true), shrunk);
    long lattice = Shapes.latticeDisk(r - k);
    assertTrue(Math.abs(Shapes.count(shrunk) - lattice) <= 0.05 * lattice);

    byte[] full = new byte[30 * 20];
    java.util.Arrays.fill(full, (byte) 255);
    assertArrayEquals(full, edit(30, 20, full, new MaskEdit.Shrink(5)));
  }

  @Test
  void morphBinarisesAt128() {
    byte[] px = {0, 127, (byte) 128, (byte) 255};
    assertArrayEquals(new byte[] {0, 0, (byte) 255, (byte) 255},
        edit(4, 1, px, new MaskEdit.Grow(0)));
    assertArrayEquals(new byte[] {0, 0, (byte) 255, (byte) 255},
        edit(4, 1, px, new MaskEdit.Shrink(0)));
  }

  @Test
  void featherStaysSoftAndKeepsFarPixels() {
    int w = 80, h = 80;
    byte[] disk = Shapes.disk(w, h, 40, 40, 20);
    byte[] f = edit(w, h, disk, new MaskEdit.Feather(6));
    assertEquals(255, f[40 * w + 40] & 0xff);
    assertEquals(0, f[0] & 0xff);
    int soft = 0;
    for (byte b : f) if (b != 0 && b != (byte) 255) soft++;
    assertTrue(soft > 100, "feathered edge has " + soft + " soft pixels");
    // Along the row through the centre the edge is monotone: rising into the disk.
    for (int x = 14; x < 40; x++) {
      assertTrue((f[40 * w + x] & 0xff) <= (f[40 * w + x + 1] & 0xff), "x=" + x);
    }
  }

  @Test
  void singlePointStrokePaintsTheDiskOfPixelCentres() {
    // Centres sit at integer offsets from (50.5, 50.5), so this is the lattice disk of radius 10.
    byte[] out = edit(100, 100, new byte[100 * 100], new MaskEdit.Stroke(
        MaskEdit.StrokeMode.ADD, 10f, List.of(new MaskEdit.Point(50.5f, 50.5f))));
    assertEquals(317, Shapes.count(out));
    assertArrayEquals(Shapes.disk(100, 100, 50, 50, 10), out);
  }

  @Test
  void strokeAddThenEraseOnTheSamePathRestoresTheOriginal() {
    int w = 100, h = 60;
    byte[] base = Shapes.disk(w, h, 20, 20, 8);
    List<MaskEdit.Point> path = List.of(new MaskEdit.Point(50, 10), new MaskEdit.Point(90, 40),
        new MaskEdit.Point(60, 55));
    MaskEdit add = new MaskEdit.Stroke(MaskEdit.StrokeMode.ADD, 4f, path);
    MaskEdit erase = new MaskEdit.Stroke(MaskEdit.StrokeMode.ERASE, 4f, path);
    byte[] added = edit(w, h, base, add);
    assertTrue(Shapes.count(added) > Shapes.count(base) + 300);
    assertArrayEquals(base, edit(w, h, base, add, erase));
  }

  @Test
  void fillHolesFillsExactlyTheInnerDisk() {
    int w = 80, h = 80;
    byte[] ring = Shapes.disk(w, h, 40, 40, 20);
    Shapes.paintDisk(ring, w, h, 40, 40, 10, (byte) 0);
    assertEquals(1257 - 317, Shapes.count(ring));
    byte[] filled = edit(w, h, ring, new MaskEdit.FillHoles());
    assertEquals(1257, Shapes.count(filled));
    assertArrayEquals(Shapes.disk(w, h, 40, 40, 20), filled);
  }

  @Test
  void fillHolesLeavesABorderConnectedNotchOpen() {
    int w = 80, h = 80;
    byte[] ring = Shapes.disk(w, h, 40, 40, 20);
    Shapes.paintDisk(ring, w, h, 40, 40, 10, (byte) 0);
    // A 3-pixel slot from the hole through the ring to the outside, which touches the border.
    for (int y = 39; y <= 41; y++) {
      for (int x = 40; x < w; x++) ring[y * w + x] = 0;
    }
    assertArrayEquals(ring, edit(w, h, ring, new MaskEdit.FillHoles()));
  }

  @Test
  void fillHolesBackgroundIsFourConnected() {
    // A one-pixel diamond outline |dx| + |dy| = 6 is joined only diagonally; with 4-connected
    // background its 61 interior pixels are a hole.
    int w = 20, h = 20;
    byte[] diamond = new byte[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        if (Math.abs(x - 10) + Math.abs(y - 10) == 6) diamond[y * w + x] = (byte) 255;
      }
    }
    assertEquals(24, Shapes.count(diamond));
    assertEquals(85, Shapes.count(edit(w, h, diamond, new MaskEdit.FillHoles())));
  }

  @Test
  void removeSpecksKeepsOnlyComponentsAtLeastMinArea() {
    int w = 100, h = 60;
    byte[] five = new byte[w * h];
    Shapes.rect(five, w, 2, 2, 1, 5);
    byte[] fifty = new byte[w * h];
    Shapes.rect(fifty, w, 10, 2, 5, 10);
    byte[] fiveHundred = new byte[w * h];
    Shapes.rect(fiveHundred, w, 40, 10, 20, 25);
    byte[] all = new byte[w * h];
    for (int i = 0; i < all.length; i++) all[i] = (byte) (five[i] | fifty[i] | fiveHundred[i]);
    assertEquals(555, Shapes.count(all));

    assertArrayEquals(fiveHundred, edit(w, h, all, new MaskEdit.RemoveSpecks(51)));
    byte[] at50 = edit(w, h, all, new MaskEdit.RemoveSpecks(50));
    assertEquals(550, Shapes.count(at50));
    assertEquals(0, at50[2 * w + 2]);
    assertArrayEquals(all, edit(w, h, all, new MaskEdit.RemoveSpecks(5)));
    assertEquals(0, Shapes.count(edit(w, h, all, new MaskEdit.RemoveSpecks(501))));
  }

  @Test
  void removeSpecksForegroundIsEightConnected() {
    int w = 10, h = 10;
    byte[] chain = new byte[w * h];
    for (int i = 0; i < 6; i++) chain[i * w + i] = (byte) 255;
    assertArrayEquals(chain, edit(w, h, chain, new MaskEdit.RemoveSpecks(6)));
    assertEquals(0, Shapes.count(edit(w, h, chain, new MaskEdit.RemoveSpecks(7))));
  }

  @Test
  void editsApplyInOrder() {
    int w = 80, h = 80;
    byte[] ring = Shapes.disk(w, h, 40, 40, 20);
    Shapes.paintDisk(ring, w, h, 40, 40, 10, (byte) 0);
    // Inverting first makes the hole a border-free component of 317 and the outside the rest.
    byte[] out = edit(w, h, ring, new MaskEdit.Invert(), new MaskEdit.RemoveSpecks(318));
    assertEquals(w * h - 1257, Shapes.count(out));
    assertEquals(0, out[40 * w + 40]);
  }
}
