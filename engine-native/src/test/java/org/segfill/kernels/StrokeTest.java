package org.segfill.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.junit.jupiter.api.Test;

class StrokeTest {
  private final MaskKernels kernels = new MaskKernels(KernelTarget.cpu());

  private byte[] run(byte[] mask, int w, int h, float[] pts, float radius, boolean erase) {
    long n = (long) w * h;
    try (BytePointer m = new BytePointer(mask); FloatPointer p = new FloatPointer(pts)) {
      kernels.stroke(m, w, h, p, pts.length / 2, radius, erase);
      return MaskTestData.bytes(m, n);
    }
  }

  @Test
  void aSinglePointOnAPixelCentrePaintsTheLatticeDisk() {
    int w = 101;
    int h = 101;
    for (int r : new int[] {0, 1, 2, 5, 8, 17}) {
      byte[] out = run(new byte[w * h], w, h, new float[] {50.5f, 50.5f}, r, false);
      assertEquals(MaskTestData.latticeDisk(r), MaskTestData.count(out, 255), "r=" + r);
    }
    byte[] five = run(new byte[w * h], w, h, new float[] {50.5f, 50.5f}, 5f, false);
    assertEquals(81, MaskTestData.count(five, 255));
    assertEquals((byte) 255, five[45 * w + 50]);
    assertEquals(0, five[44 * w + 50]);
  }

  @Test
  void eraseClearsTheSamePixels() {
    int w = 101;
    int h = 101;
    byte[] full = new byte[w * h];
    Arrays.fill(full, (byte) 255);
    byte[] out = run(full, w, h, new float[] {50.5f, 50.5f}, 8f, true);
    assertEquals(MaskTestData.latticeDisk(8), MaskTestData.count(out, 0));
  }

  @Test
  void aHorizontalSegmentPaintsACapsule() {
    int w = 101;
    int h = 61;
    byte[] out = run(new byte[w * h], w, h, new float[] {20.5f, 30.5f, 80.5f, 30.5f}, 5f, false);
    // 61 columns of 11 pixels, plus the two half disks: (81 - 11) / 2 pixels each.
    assertEquals(61 * 11 + 70, MaskTestData.count(out, 255));
    assertEquals(741, MaskTestData.count(out, 255));
  }

  @Test
  void matchesBruteForceExactlyOnRandomPolylines() {
    Random random = new Random(30);
    int[][] sizes = {{1, 1}, {33, 17}, {300, 200}, {4000, 3}, {3, 400}};
    for (int[] s : sizes) {
      int w = s[0];
      int h = s[1];
      for (int trial = 0; trial < 6; trial++) {
        int npoints = trial == 0 ? 1 : 1 + random.nextInt(trial == 5 ? 600 : 12);
        float[] pts = new float[2 * npoints];
        // A random walk that also leaves the image now and then.
        float x = random.nextFloat() * w;
        float y = random.nextFloat() * h;
        for (int i = 0; i < npoints; i++) {
          pts[2 * i] = x;
          pts[2 * i + 1] = y;
          x += (random.nextFloat() - 0.5f) * Math.max(4, w / 4f);
          y += (random.nextFloat() - 0.5f) * Math.max(4, h / 4f);
        }
        float radius = random.nextFloat() * 12f;
        boolean erase = trial % 2 == 1;
        byte[] start = MaskTestData.blobs(w, h, trial);
        byte[] expected = start.clone();
        StrokeReference.stroke(expected, w, h, pts, npoints, radius, erase);
        byte[] actual = run(start, w, h, pts, radius, erase);
        assertEquals(-1, MaskTestData.firstDifference(expected, actual),
            w + "x" + h + " trial " + trial + " npoints=" + npoints + ": first differing index");
      }
    }
  }

  @Test
  void nonFiniteSegmentsPaintNothing() {
    int w = 20;
    int h = 20;
    byte[] out =
        run(new byte[w * h], w, h, new float[] {Float.NaN, 3f, 10f, 10f}, 3f, false);
    assertEquals(0, MaskTestData.count(out, 255));
  }
}
