package org.segfill.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.bytedeco.javacpp.BytePointer;
import org.junit.jupiter.api.Test;

class MorphTest {
  private final MaskKernels kernels = new MaskKernels(KernelTarget.cpu());

  private byte[] run(byte[] mask, int w, int h, int radius, boolean shrink) {
    long n = (long) w * h;
    try (BytePointer in = new BytePointer(mask);
        BytePointer out = new BytePointer(n);
        BytePointer ws = new BytePointer(MaskKernels.morphWorkspaceBytes(w, h))) {
      if (shrink) {
        kernels.shrink(in, out, w, h, radius, ws);
      } else {
        kernels.grow(in, out, w, h, radius, ws);
      }
      return MaskTestData.bytes(out, n);
    }
  }

  private void assertMatchesReference(int w, int h, int[] radii, long seed) {
    byte[] mask = MaskTestData.blobs(w, h, seed);
    for (int r : radii) {
      for (boolean shrink : new boolean[] {false, true}) {
        byte[] expected = MorphReference.morph(mask, w, h, r, shrink);
        byte[] actual = run(mask, w, h, r, shrink);
        assertEquals(-1, MaskTestData.firstDifference(expected, actual),
            (shrink ? "shrink " : "grow ") + w + "x" + h + " r=" + r + ": first differing index");
      }
    }
  }

  @Test
  void matchesBruteForceExactlyOnSmallAndOddSizes() {
    int[] radii = {0, 1, 2, 5, 8, 17};
    assertMatchesReference(1, 1, radii, 1);
    assertMatchesReference(33, 17, radii, 2);
    assertMatchesReference(17, 33, radii, 3);
    assertMatchesReference(4000, 3, radii, 4);
    assertMatchesReference(3, 4000, radii, 5);
    assertMatchesReference(257, 193, radii, 6);
  }

  @Test
  void matchesBruteForceExactlyOnALargeOddSize() {
    assertMatchesReference(1537, 913, new int[] {0, 1, 2, 5}, 7);
  }

  @Test
  void chordReferenceAgreesWithBruteForce() {
    byte[] mask = MaskTestData.blobs(57, 31, 8);
    for (int r : new int[] {0, 1, 3, 9, 40}) {
      for (boolean shrink : new boolean[] {false, true}) {
        assertEquals(-1, MaskTestData.firstDifference(MorphReference.morph(mask, 57, 31, r, shrink),
            MorphReference.morphByChords(mask, 57, 31, r, shrink)), "r=" + r);
      }
    }
  }

  @Test
  void largeRadiiUseWideDistancesAndStayExact() {
    // Radii >= 255 keep 16-bit distances in the workspace; 254 is the last 8-bit one.
    int[][] sizes = {{300, 40}, {40, 300}, {500, 300}};
    long seed = 9;
    for (int[] s : sizes) {
      byte[] mask = new byte[s[0] * s[1]];
      java.util.Random random = new java.util.Random(seed++);
      for (int i = 0; i < 6; i++) {
        mask[random.nextInt(mask.length)] = (byte) 255;
      }
      byte[] holes = mask.clone();
      for (int i = 0; i < holes.length; i++) {
        holes[i] = (byte) (holes[i] == 0 ? 255 : 0);
      }
      for (int r : new int[] {254, 255, 256, 300, 1000}) {
        for (boolean shrink : new boolean[] {false, true}) {
          byte[] input = shrink ? holes : mask;
          byte[] expected = MorphReference.morphByChords(input, s[0], s[1], r, shrink);
          assertEquals(-1, MaskTestData.firstDifference(expected, run(input, s[0], s[1], r, shrink)),
              (shrink ? "shrink " : "grow ") + s[0] + "x" + s[1] + " r=" + r);
        }
      }
    }
  }

  @Test
  void growingOnePixelPaintsTheLatticeDisk() {
    int w = 101;
    int h = 101;
    byte[] mask = new byte[w * h];
    mask[50 * w + 50] = 1;
    int[] radii = {0, 1, 2, 5, 8, 17};
    int[] pinned = {1, 5, 13, 81, 197, 901};
    for (int i = 0; i < radii.length; i++) {
      int count = MaskTestData.count(run(mask, w, h, radii[i], false), 255);
      assertEquals(MaskTestData.latticeDisk(radii[i]), count, "r=" + radii[i]);
      assertEquals(pinned[i], count, "r=" + radii[i]);
    }
  }

  @Test
  void growingADiskGivesTheLargerDisk() {
    int w = 121;
    int h = 121;
    byte[] disk = new byte[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int dx = x - 60;
        int dy = y - 60;
        disk[y * w + x] = (byte) (dx * dx + dy * dy <= 20 * 20 ? 255 : 0);
      }
    }
    int grown = MaskTestData.count(run(disk, w, h, 8, false), 255);
    int direct = MaskTestData.latticeDisk(28);
    // A Minkowski sum of lattice disks is not exactly a lattice disk: pinned numbers.
    assertEquals(2453, direct);
    assertEquals(GROWN_R20_BY_8, grown);
    int shrunk = MaskTestData.count(run(disk, w, h, 8, true), 255);
    assertEquals(441, MaskTestData.latticeDisk(12));
    assertEquals(SHRUNK_R20_BY_8, shrunk);
  }

  /** Minkowski sum / difference of the lattice disks, counted independently (set arithmetic). */
  static final int GROWN_R20_BY_8 = 2421;  // the lattice disk of radius 28 has 2453: 1.3% less
  static final int SHRUNK_R20_BY_8 = 465;  // the lattice disk of radius 12 has 441: 5.4% more

  @Test
  void shrinkingDoesNotErodeFromTheImageBorder() {
    int w = 40;
    int h = 30;
    byte[] full = new byte[w * h];
    Arrays.fill(full, (byte) 255);
    assertEquals(w * h, MaskTestData.count(run(full, w, h, 7, true), 255));
    byte[] empty = new byte[w * h];
    assertEquals(0, MaskTestData.count(run(empty, w, h, 7, false), 255));
  }
}
