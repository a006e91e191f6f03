package org.segfill.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.segfill.kernels.MaskBinaryOpsTest.assertMessage;
import static org.segfill.kernels.NoiseRandnTest.bits;

import java.util.Random;
import org.bytedeco.javacpp.FloatPointer;
import org.junit.jupiter.api.Test;

/** sf_add_noise_f32 against out = a * x0 + b * noise in Java float: identical bits. */
class LatentAddNoiseTest {
  private final LatentKernels kernels = new LatentKernels(KernelTarget.cpu());

  @Test
  void matchesJavaExactly() {
    Random random = new Random(31);
    for (int n : new int[] {1, 17, 1537 * 913}) {
      float[] x0 = new float[n];
      float[] noise = new float[n];
      for (int i = 0; i < n; i++) {
        x0[i] = (float) random.nextGaussian();
        noise[i] = (float) random.nextGaussian();
      }
      float a = 0.7f;
      float b = 13.1204f;
      float[] expected = new float[n];
      for (int i = 0; i < n; i++) {
        expected[i] = a * x0[i] + b * noise[i];
      }
      try (FloatPointer px = new FloatPointer(x0);
          FloatPointer pn = new FloatPointer(noise);
          FloatPointer out = new FloatPointer(n)) {
        kernels.addNoise(px, pn, a, b, out, n);
        float[] actual = new float[n];
        out.get(actual);
        assertArrayEquals(bits(expected), bits(actual), "n " + n);
        kernels.addNoise(px, pn, a, b, px, n);  // in place
        px.get(actual);
        assertArrayEquals(bits(expected), bits(actual), "in place, n " + n);
      }
    }
  }

  @Test
  void badArgumentsAreRefused() {
    try (FloatPointer small = new FloatPointer(4); FloatPointer big = new FloatPointer(8)) {
      assertMessage("noise holds 4 elements, needs 8",
          () -> kernels.addNoise(big, small, 1, 1, big, 8));
      assertMessage("out holds 4 elements, needs 8",
          () -> kernels.addNoise(big, big, 1, 1, small, 8));
      assertMessage("x0 must not be null", () -> kernels.addNoise(null, big, 1, 1, big, 8));
      assertMessage("n must be > 0", () -> kernels.addNoise(big, big, 1, 1, big, 0));
      assertMessage("a must be finite", () -> kernels.addNoise(big, big, Float.NaN, 1, big, 8));
      assertMessage("b must be finite",
          () -> kernels.addNoise(big, big, 1, Float.POSITIVE_INFINITY, big, 8));
    }
  }
}
