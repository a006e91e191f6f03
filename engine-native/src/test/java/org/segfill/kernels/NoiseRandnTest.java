package org.segfill.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.segfill.kernels.MaskBinaryOpsTest.assertMessage;

import java.util.Arrays;
import org.bytedeco.javacpp.FloatPointer;
import org.junit.jupiter.api.Test;

/** sf_randn_f32 on the CPU twin against the Java twin (bit for bit), plus statistics. */
class NoiseRandnTest {
  private final NoiseKernels kernels = new NoiseKernels(KernelTarget.cpu());

  static float[] randn(NoiseKernels kernels, int batch, int n, long seed, int stream) {
    try (FloatPointer out = new FloatPointer((long) batch * n)) {
      kernels.randn(out, batch, n, seed, stream);
      float[] result = new float[batch * n];
      out.get(result);
      return result;
    }
  }

  static int[] bits(float[] values) {
    int[] b = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = Float.floatToRawIntBits(values[i]);
    }
    return b;
  }

  @Test
  void matchesJavaTwinBitForBit() {
    long[] seeds = {0L, 1L, 42L, (1L << 53) - 1, -1L, 0x123456789abcdefL};
    int[] streams = {0, 1, 7, -1};
    int[][] shapes = {{1, 1}, {1, 3}, {2, 5}, {3, 4}, {1, 1023}, {2, 4097}, {3, 65_537}};
    for (long seed : seeds) {
      for (int stream : streams) {
        for (int[] shape : shapes) {
          float[] expected = PhiloxTwin.randn(shape[0], shape[1], seed, stream);
          float[] actual = randn(kernels, shape[0], shape[1], seed, stream);
          assertArrayEquals(bits(expected), bits(actual),
              "seed " + seed + " stream " + stream + " shape " + Arrays.toString(shape));
        }
      }
    }
  }

  @Test
  void sampleBEqualsBatchOfOneWithSeedPlusB() {
    int n = 1001;
    for (long seed : new long[] {5L, -2L}) {  // -2: the batch wraps through 2^64 - 1 to 0
      float[] batch = randn(kernels, 4, n, seed, 3);
      for (int b = 0; b < 4; b++) {
        float[] single = randn(kernels, 1, n, seed + b, 3);
        assertArrayEquals(bits(single), bits(Arrays.copyOfRange(batch, b * n, (b + 1) * n)),
            "sample " + b);
      }
    }
  }

  @Test
  void prefixIsIndependentOfLength() {
    float[] longer = randn(kernels, 1, 1000, 9, 0);
    float[] shorter = randn(kernels, 1, 13, 9, 0);
    assertArrayEquals(bits(shorter), bits(Arrays.copyOf(longer, 13)));
  }

  @Test
  void differentSeedsAndStreamsDiffer() {
    int n = 4096;
    float[] base = randn(kernels, 1, n, 1234, 0);
    float[][] others = {
      randn(kernels, 1, n, 1235, 0),
      randn(kernels, 1, n, 1234, 1),
      randn(kernels, 1, n, 1234 + (1L << 32), 0),
    };
    for (float[] other : others) {
      int same = 0;
      for (int i = 0; i < n; i++) {
        if (other[i] == base[i]) {
          same++;
        }
      }
      assertTrue(same < 4, same + " equal elements");
    }
  }

  @Test
  void statisticsOfAMillionSamples() {
    int n = 1 << 20;
    float[] z = randn(kernels, 1, n, 20240601L, 0);
    double sum = 0;
    double sumSq = 0;
    int beyond3 = 0;
    double maxAbs = 0;
    for (float v : z) {
      assertFalse(Float.isNaN(v) || Float.isInfinite(v));
      sum += v;
      sumSq += (double) v * v;
      if (Math.abs(v) > 3) {
        beyond3++;
      }
      maxAbs = Math.max(maxAbs, Math.abs(v));
    }
    double mean = sum / n;
    double variance = sumSq / n - mean * mean;
    assertEquals(0, mean, 0.005, "mean");
    assertEquals(1, variance, 0.01, "variance");
    // P(|z| > 3) = 0.0026998; the count's sd is ~53, so +-6 sd.
    assertTrue(beyond3 > 2831 - 320 && beyond3 < 2831 + 320, beyond3 + " beyond 3 sigma");
    // u >= 2^-24 bounds |z| by sqrt(-2 ln 2^-24) = 5.77; 1M samples should reach past 4.
    assertTrue(maxAbs > 4 && maxAbs <= 5.7683, "max |z| " + maxAbs);
  }

  @Test
  void badArgumentsAreRefused() {
    try (FloatPointer out = new FloatPointer(10)) {
      assertMessage("out holds 10 elements, needs 12", () -> kernels.randn(out, 2, 6, 0, 0));
      assertMessage("batch must be > 0", () -> kernels.randn(out, 0, 6, 0, 0));
      assertMessage("n must be > 0", () -> kernels.randn(out, 1, -1, 0, 0));
      assertMessage("out must not be null", () -> kernels.randn(null, 1, 1, 0, 0));
      assertMessage("out overflows", () -> kernels.randn(out, 4, Long.MAX_VALUE / 2, 0, 0));
    }
    assertMessage("target must not be null", () -> new NoiseKernels(null));
  }
}
