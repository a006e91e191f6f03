package org.segfill.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bytedeco.javacpp.BytePointer;
import org.junit.jupiter.api.Test;

class FeatherTest {
  private final MaskKernels kernels = new MaskKernels(KernelTarget.cpu());

  private byte[] run(byte[] mask, int w, int h, int radius) {
    long n = (long) w * h;
    try (BytePointer in = new BytePointer(mask);
        BytePointer out = new BytePointer(n);
        BytePointer ws = new BytePointer(MaskKernels.featherWorkspaceBytes(w, h))) {
      kernels.feather(in, out, w, h, radius, ws);
      return MaskTestData.bytes(out, n);
    }
  }

  @Test
  void tapsAreNonNegativeAndSumTo4096() {
    for (int r = 0; r <= MaskKernels.MAX_FEATHER_RADIUS; r++) {
      int sum = 0;
      for (int t : FeatherReference.taps(r)) {
        assertTrue(t >= 0, "r=" + r);
        sum += t;
      }
      assertEquals(4096, sum, "r=" + r);
    }
    // Pinned so a change of the rounding rule is noticed: r = 1 is almost a copy.
    assertArrayEquals(new int[] {45, 4006, 45}, FeatherReference.taps(1));
  }

  @Test
  void matchesTheIntegerReferenceExactly() {
    int[][] sizes = {{1, 1}, {33, 17}, {17, 33}, {4000, 3}, {3, 4000}, {1537, 913}};
    int[] radii = {0, 1, 3, 8, 20, 255};
    long seed = 20;
    for (int[] s : sizes) {
      byte[] blobs = MaskTestData.blobs(s[0], s[1], seed++);
      byte[] noise = MaskTestData.randomBytes(s[0] * s[1], seed++);
      for (int r : radii) {
        if (s[0] * s[1] > 100_000 && r > 20) {
          continue;  // the brute-force reference is slow there; 255 is covered on the other sizes
        }
        for (byte[] mask : new byte[][] {blobs, noise}) {
          byte[] expected = FeatherReference.feather(mask, s[0], s[1], r);
          assertEquals(-1, MaskTestData.firstDifference(expected, run(mask, s[0], s[1], r)),
              s[0] + "x" + s[1] + " r=" + r + ": first differing index");
        }
      }
    }
  }

  @Test
  void flatRegionShortcutGivesTheSameBytes() {
    // Large flat areas with a few shapes: most spans take the constant-window path.
    for (int[] s : new int[][] {{1537, 913}, {300, 200}, {4000, 5}, {64, 64}, {65, 129}}) {
      int w = s[0];
      int h = s[1];
      byte[] mask = new byte[w * h];
      java.util.Arrays.fill(mask, (byte) 37);
      java.util.Random random = new java.util.Random(w + h);
      for (int shape = 0; shape < 6; shape++) {
        int cx = random.nextInt(w);
        int cy = random.nextInt(h);
        int radius = 1 + random.nextInt(Math.max(1, Math.min(w, h) / 3));
        int value = shape % 2 == 0 ? 255 : 0;
        for (int y = Math.max(0, cy - radius); y < Math.min(h, cy + radius); y++) {
          for (int x = Math.max(0, cx - radius); x < Math.min(w, cx + radius); x++) {
            if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= radius * radius || shape > 3) {
              mask[y * w + x] = (byte) value;
            }
          }
        }
      }
      for (int r : new int[] {1, 8, 20}) {
        byte[] expected = FeatherReference.feather(mask, w, h, r);
        assertEquals(-1, MaskTestData.firstDifference(expected, run(mask, w, h, r)),
            w + "x" + h + " r=" + r + ": first differing index");
      }
    }
  }

  @Test
  void emptyWindowsStayZeroAndFullWindowsReach255() {
    int w = 200;
    int h = 120;
    int r = 8;
    byte[] mask = new byte[w * h];
    for (int y = 40; y < 80; y++) {
      for (int x = 60; x < 140; x++) {
        mask[y * w + x] = (byte) 255;
      }
    }
    byte[] out = run(mask, w, h, r);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int dx = x < 60 ? 60 - x : (x >= 140 ? x - 139 : 0);
        int dy = y < 40 ? 40 - y : (y >= 80 ? y - 79 : 0);
        int v = out[y * w + x] & 0xff;
        if (Math.max(dx, dy) > r) {
          assertEquals(0, v, "no selected pixel in the window at " + x + "," + y);
        }
        if (x >= 60 + r && x < 140 - r && y >= 40 + r && y < 80 - r) {
          assertEquals(255, v, "fully selected window at " + x + "," + y);
        }
      }
    }
    assertTrue((out[40 * w + 60] & 0xff) > 0 && (out[40 * w + 60] & 0xff) < 255, "edge is soft");
  }

  @Test
  void symmetricInputGivesSymmetricOutput() {
    int w = 91;
    int h = 61;
    byte[] mask = new byte[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double dx = x - 45;
        double dy = y - 30;
        if (dx * dx / 400 + dy * dy / 150 <= 1 || (Math.abs(dx) == 40 && Math.abs(dy) == 25)) {
          mask[y * w + x] = (byte) 255;
        }
      }
    }
    for (int r : new int[] {3, 8, 30}) {
      byte[] out = run(mask, w, h, r);
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          int v = out[y * w + x];
          assertEquals(v, out[y * w + (w - 1 - x)], "mirror x at " + x + "," + y);
          assertEquals(v, out[(h - 1 - y) * w + x], "mirror y at " + x + "," + y);
        }
      }
    }
  }
}
