package org.segfill.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.bytedeco.javacpp.BytePointer;
import org.junit.jupiter.api.Test;

class BlendTest {
  private final MaskKernels kernels = new MaskKernels(KernelTarget.cpu());

  /** Runs the kernel into a separate output buffer, or in place when inPlace. */
  private byte[] run(byte[] original, int w, int h, int c, byte[] generated, byte[] alpha, int x0,
      int y0, int rw, int rh, boolean inPlace) {
    long n = (long) w * h * c;
    try (BytePointer o = new BytePointer(original);
        BytePointer g = new BytePointer(generated);
        BytePointer a = new BytePointer(alpha);
        BytePointer out = new BytePointer(n)) {
      BytePointer target = inPlace ? o : out;
      kernels.blend(o, w, h, c, g, a, x0, y0, rw, rh, target);
      return MaskTestData.bytes(target, n);
    }
  }

  @Test
  void everyOriginalGeneratedAlphaTripleIsExact() {
    // 2^24 pixels, one per (original, generated, alpha): checks the division-free /255 exhaustively.
    int w = 4096;
    int h = 4096;
    byte[] original = new byte[w * h];
    byte[] generated = new byte[w * h];
    byte[] alpha = new byte[w * h];
    for (int i = 0; i < w * h; i++) {
      original[i] = (byte) i;
      generated[i] = (byte) (i >>> 8);
      alpha[i] = (byte) (i >>> 16);
    }
    byte[] out = run(original, w, h, 1, generated, alpha, 0, 0, w, h, false);
    for (int i = 0; i < w * h; i++) {
      int expected = BlendReference.blend(i & 0xff, (i >>> 8) & 0xff, (i >>> 16) & 0xff);
      if ((out[i] & 0xff) != expected) {
        assertEquals(expected, out[i] & 0xff, "o=" + (i & 0xff) + " g=" + ((i >>> 8) & 0xff)
            + " a=" + ((i >>> 16) & 0xff));
      }
    }
  }

  @Test
  void alphaZeroKeepsTheOriginalAndAlpha255TakesTheGenerated() {
    int w = 33;
    int h = 17;
    for (int c : new int[] {1, 3, 4}) {
      byte[] original = MaskTestData.randomBytes(w * h * c, c);
      byte[] generated = MaskTestData.randomBytes(w * h * c, 10 + c);
      byte[] zero = new byte[w * h];
      byte[] full = new byte[w * h];
      Arrays.fill(full, (byte) 255);
      assertArrayEquals(original, run(original, w, h, c, generated, zero, 0, 0, w, h, false));
      assertArrayEquals(generated, run(original, w, h, c, generated, full, 0, 0, w, h, true));
    }
  }

  @Test
  void regionsMatchTheReferenceAndLeaveTheRestUntouched() {
    int[][] cases = {
      // w, h, x0, y0, rw, rh
      {1, 1, 0, 0, 1, 1},
      {33, 17, 5, 3, 20, 11},
      {1537, 913, 101, 7, 1001, 899},
      {4000, 3, 3990, 1, 10, 2},
      {3, 4000, 0, 17, 3, 3983},
      {300, 200, 0, 0, 300, 200},
    };
    long seed = 40;
    for (int[] k : cases) {
      for (int c : new int[] {1, 3, 4}) {
        for (boolean inPlace : new boolean[] {false, true}) {
          int w = k[0];
          int h = k[1];
          int rw = k[4];
          int rh = k[5];
          byte[] original = MaskTestData.randomBytes(w * h * c, seed++);
          byte[] generated = MaskTestData.randomBytes(rw * rh * c, seed++);
          byte[] alpha = MaskTestData.randomBytes(rw * rh, seed++);
          byte[] expected =
              BlendReference.blend(original, w, h, c, generated, alpha, k[2], k[3], rw, rh);
          byte[] actual = run(original, w, h, c, generated, alpha, k[2], k[3], rw, rh, inPlace);
          assertEquals(-1, MaskTestData.firstDifference(expected, actual),
              Arrays.toString(k) + " c=" + c + " inPlace=" + inPlace + ": first differing index");
        }
      }
    }
  }
}
