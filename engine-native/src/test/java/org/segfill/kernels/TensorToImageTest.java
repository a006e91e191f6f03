package org.segfill.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.segfill.kernels.MaskBinaryOpsTest.assertMessage;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.junit.jupiter.api.Test;

/** VAE output to RGB bytes (contract B9) on the CPU twin: exact, ties to even, NaN to 0. */
class TensorToImageTest {
  private final ImageKernels kernels = new ImageKernels(KernelTarget.cpu());

  private byte[] run(float[] nchw, int w, int h) {
    try (FloatPointer in = new FloatPointer(nchw);
        BytePointer out = new BytePointer(3L * w * h)) {
      kernels.tensorToImage(in, w, h, out);
      return ResampleReference.bytes(out, 3 * w * h);
    }
  }

  @Test
  void matchesJavaReferenceOnRandomValuesAtEdgeSizes() {
    Random random = new Random(41);
    for (int[] s : new int[][] {{1, 1}, {33, 17}, {1537, 913}, {4000, 3}, {3, 4000}}) {
      int w = s[0], h = s[1], plane = w * h;
      float[] nchw = new float[3 * plane];
      for (int i = 0; i < nchw.length; i++) {
        nchw[i] = (float) (random.nextGaussian() * 0.9);
      }
      byte[] out = run(nchw, w, h);
      int mismatches = 0;
      for (int c = 0; c < 3; c++) {
        for (int i = 0; i < plane; i++) {
          if ((out[i * 3 + c] & 0xff) != ResampleReference.tensorToByte(nchw[c * plane + i])) {
            mismatches++;
          }
        }
      }
      assertEquals(0, mismatches, w + "x" + h);
    }
  }

  @Test
  void clampsOutOfRangeAndMapsNanToZero() {
    float[] values = {
      -1f, 1f, 0f, -1.5f, 2f, -1e30f, 1e30f, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY,
      Float.NaN, -Float.NaN, Float.intBitsToFloat(0x7fc12345)
    };
    int[] expected = {0, 255, 128, 0, 255, 0, 255, 0, 255, 0, 0, 0};
    int n = values.length;
    float[] nchw = new float[3 * n];
    for (int c = 0; c < 3; c++) {
      System.arraycopy(values, 0, nchw, c * n, n);
    }
    byte[] out = run(nchw, n, 1);
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < 3; c++) {
        assertEquals(expected[i], out[i * 3 + c] & 0xff, "value " + values[i] + " channel " + c);
      }
    }
  }

  /**
   * Inputs x for which clamp(x / 2 + 0.5) * 255 is exactly k + 0.5 in float32: the result must be
   * the even neighbour (numpy's round), so half of them round down.
   */
  @Test
  void exactHalvesRoundToEven() {
    List<Float> ties = new ArrayList<>();
    for (int k = 0; k < 255; k++) {
      float target = k + 0.5f;
      int bits = Float.floatToIntBits(target / 255f);
      for (int d = -32; d <= 32; d++) {
        float y = Float.intBitsToFloat(bits + d);  // neighbours of a positive float, ulp by ulp
        float x = (y - 0.5f) * 2f;
        if (y * 255f == target && x / 2f + 0.5f == y) {
          ties.add(x);
          break;
        }
      }
    }
    assertTrue(ties.size() >= 100, "found only " + ties.size() + " exact ties");
    int n = ties.size();
    float[] nchw = new float[3 * n];
    for (int i = 0; i < n; i++) {
      nchw[i] = nchw[n + i] = nchw[2 * n + i] = ties.get(i);
    }
    byte[] out = run(nchw, n, 1);
    int down = 0;
    for (int i = 0; i < n; i++) {
      float x = ties.get(i);
      float half = (x / 2f + 0.5f) * 255f;
      int k = (int) Math.floor(half);
      int even = k % 2 == 0 ? k : k + 1;
      assertEquals(even, out[i * 3] & 0xff, "x=" + x + " gives " + half);
      if (even == k) {
        down++;
      }
    }
    assertTrue(down > 0 && down < n, "ties rounding down: " + down + " of " + n);
  }

  @Test
  void badArgumentsAreRefusedBeforeNativeCode() {
    try (FloatPointer in = new FloatPointer(300);
        BytePointer out = new BytePointer(300);
        BytePointer smallOut = new BytePointer(299)) {
      assertMessage("nchw holds 300 elements, needs 600",
          () -> kernels.tensorToImage(in, 20, 10, out));
      assertMessage("rgb holds 299 elements, needs 300",
          () -> kernels.tensorToImage(in, 10, 10, smallOut));
      assertMessage("w must be in [1, 65536], got 0", () -> kernels.tensorToImage(in, 0, 10, out));
      assertMessage("h must be in [1, 65536], got -4", () -> kernels.tensorToImage(in, 10, -4, out));
      assertMessage("nchw must not be null", () -> kernels.tensorToImage(null, 10, 10, out));
      assertMessage("rgb must not be null", () -> kernels.tensorToImage(in, 10, 10, null));
    }
  }
}
