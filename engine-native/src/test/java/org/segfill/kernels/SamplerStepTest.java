package org.segfill.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.segfill.kernels.MaskBinaryOpsTest.assertMessage;
import static org.segfill.kernels.NoiseRandnTest.bits;

import java.util.Arrays;
import java.util.Random;
import org.bytedeco.javacpp.FloatPointer;
import org.junit.jupiter.api.Test;

/**
 * sf_sampler_step_f32 on the CPU twin against SamplerReference: max abs error 0 (identical bits),
 * for Euler, Euler ancestral and DPM++ 2M, CFG on (guidance 7.5) and off (guidance 1), batch 1
 * and 3, odd n.
 */
class SamplerStepTest {
  private static final int[] BATCHES = {1, 3};
  private static final int[] SIZES = {1, 7, 4 * 33 * 17};

  private final LatentKernels kernels = new LatentKernels(KernelTarget.cpu());

  /** Runs the kernel; returns {latents', history'} (history' null when history is null). */
  float[][] run(float[] modelOut, float[] latents, float[] history, int batch, int n, boolean cfg,
      float guidance, float[] coef, long seed, int stream) {
    try (FloatPointer mo = new FloatPointer(modelOut);
        FloatPointer x = new FloatPointer(latents);
        FloatPointer h = history == null ? null : new FloatPointer(history)) {
      kernels.samplerStep(mo, x, h, batch, n, cfg, guidance, coef, seed, stream);
      float[] outX = new float[latents.length];
      x.get(outX);
      float[] outH = null;
      if (h != null) {
        outH = new float[history.length];
        h.get(outH);
      }
      return new float[][] {outX, outH};
    }
  }

  private static float[] gaussian(Random random, int n, double scale) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (random.nextGaussian() * scale);
    }
    return v;
  }

  /** Kernel vs reference, bit for bit, for every batch, size and CFG setting. */
  private void checkAgainstReference(float[] coef, boolean withHistory, long seed) {
    Random random = new Random(seed);
    for (int batch : BATCHES) {
      for (int n : SIZES) {
        for (boolean cfg : new boolean[] {true, false}) {
          float guidance = cfg ? 7.5f : 1f;
          float[] modelOut = gaussian(random, (cfg ? 2 : 1) * batch * n, 1);
          float[] latents = gaussian(random, batch * n, 10);
          float[] history = withHistory ? gaussian(random, batch * n, 1) : null;
          float[][] actual =
              run(modelOut, latents, history, batch, n, cfg, guidance, coef, seed, 5);
          float[] expectedX = latents.clone();
          float[] expectedH = history == null ? null : history.clone();
          SamplerReference.step(modelOut, expectedX, expectedH, batch, n, cfg, guidance, coef,
              seed, 5);
          String where = "batch " + batch + " n " + n + " cfg " + cfg + " coef "
              + Arrays.toString(coef);
          assertArrayEquals(bits(expectedX), bits(actual[0]), where);
          if (withHistory) {
            assertArrayEquals(bits(expectedH), bits(actual[1]), where + " history");
          }
        }
      }
    }
  }

  @Test
  void eulerMatchesReference() {
    checkAgainstReference(LatentKernels.eulerCoefs(14.6146, 11.6), false, 1);
    checkAgainstReference(LatentKernels.eulerCoefs(0.0292, 0), false, 2);
  }

  @Test
  void eulerIsXPlusDtTimesGuidedEps() {
    float[] coef = LatentKernels.eulerCoefs(3.0, 2.5);
    int n = 1001;
    Random random = new Random(3);
    float[] modelOut = gaussian(random, 2 * n, 1);
    float[] latents = gaussian(random, n, 3);
    float[] out = run(modelOut, latents, null, 1, n, true, 7.5f, coef, 0, 0)[0];
    for (int i = 0; i < n; i++) {
      float eps = modelOut[i] + 7.5f * (modelOut[n + i] - modelOut[i]);
      assertEquals(latents[i] + (2.5f - 3.0f) * eps, out[i], 0f, "index " + i);
    }
  }

  @Test
  void eulerAncestralMatchesReference() {
    checkAgainstReference(LatentKernels.eulerAncestralCoefs(14.6146, 11.6), false, 4);
    checkAgainstReference(LatentKernels.eulerAncestralCoefs(1.2, 0.8), false, 5);
  }

  @Test
  void eulerAncestralNoiseIsRandnOfTheSameSeedAndStream() {
    float[] coef = LatentKernels.eulerAncestralCoefs(5.0, 4.0);
    assertTrue(coef[6] > 0, "sigma_up");
    int batch = 3;
    int n = 4 * 9 * 7 + 3;
    long seed = 987654321L;
    int stream = 42;
    Random random = new Random(6);
    float[] modelOut = gaussian(random, 2 * batch * n, 1);
    float[] latents = gaussian(random, batch * n, 5);
    float[] out = run(modelOut, latents, null, batch, n, true, 7.5f, coef, seed, stream)[0];
    float[] z = PhiloxTwin.randn(batch, n, seed, stream);
    float[] kernelZ = NoiseRandnTest.randn(new NoiseKernels(KernelTarget.cpu()), batch, n, seed,
        stream);
    assertArrayEquals(bits(z), bits(kernelZ));
    for (int idx = 0; idx < batch * n; idx++) {
      float eps = modelOut[idx] + 7.5f * (modelOut[batch * n + idx] - modelOut[idx]);
      float expected = latents[idx] + coef[5] * eps + coef[6] * z[idx];
      assertEquals(expected, out[idx], 0f, "index " + idx);
    }
    // Another seed gives other noise.
    float[] other = run(modelOut, latents, null, batch, n, true, 7.5f, coef, seed + 7, stream)[0];
    int same = 0;
    for (int i = 0; i < other.length; i++) {
      same += other[i] == out[i] ? 1 : 0;
    }
    assertTrue(same < 4, same + " equal elements");
  }

  @Test
  void dpmpp2mFirstAndSecondOrderMatchReference() {
    checkAgainstReference(LatentKernels.dpmpp2mFirstOrderCoefs(14.6146, 10.0), true, 7);
    checkAgainstReference(LatentKernels.dpmpp2mSecondOrderCoefs(14.6146, 10.0, 6.5), true, 8);
    checkAgainstReference(LatentKernels.dpmpp2mFirstOrderCoefs(0.0292, 0), true, 9);
  }

  @Test
  void firstDpmStepNeverReadsTheFreshHistory() {
    float[] coef = LatentKernels.dpmpp2mFirstOrderCoefs(14.6146, 10.0);
    assertEquals(0f, coef[4], "C");
    int n = 33;
    Random random = new Random(10);
    float[] modelOut = gaussian(random, 2 * n, 1);
    float[] latents = gaussian(random, n, 1);
    float[] garbage = new float[n];
    Arrays.fill(garbage, Float.NaN);
    float[][] withGarbage = run(modelOut, latents, garbage, 1, n, true, 7.5f, coef, 0, 0);
    float[][] withoutHistory = run(modelOut, latents, null, 1, n, true, 7.5f, coef, 0, 0);
    assertArrayEquals(bits(withoutHistory[0]), bits(withGarbage[0]));
    for (float m0 : withGarbage[1]) {
      assertTrue(Float.isFinite(m0), "history receives m0");
    }
  }

  @Test
  void badArgumentsAreRefused() {
    float[] coef = LatentKernels.eulerCoefs(2, 1);
    try (FloatPointer mo = new FloatPointer(20);
        FloatPointer x = new FloatPointer(10);
        FloatPointer h = new FloatPointer(5)) {
      kernels.samplerStep(mo, x, null, 1, 10, true, 7.5f, coef, 0, 0);  // the valid call
      assertMessage("modelOut holds 20 elements, needs 40",
          () -> kernels.samplerStep(mo, x, null, 2, 10, true, 7.5f, coef, 0, 0));
      assertMessage("latents holds 10 elements, needs 20",
          () -> kernels.samplerStep(mo, x, null, 2, 10, false, 1f, coef, 0, 0));
      assertMessage("history holds 5 elements, needs 10",
          () -> kernels.samplerStep(mo, x, h, 1, 10, true, 7.5f, coef, 0, 0));
      assertMessage("coef must have 7 values",
          () -> kernels.samplerStep(mo, x, null, 1, 10, true, 7.5f, new float[6], 0, 0));
      assertMessage("coef[3] must be finite",
          () -> kernels.samplerStep(mo, x, null, 1, 10, true, 7.5f,
              new float[] {0, 0, 1, Float.NaN, 0, 0, 0}, 0, 0));
      assertMessage("coef[6] must be finite",
          () -> kernels.samplerStep(mo, x, null, 1, 10, true, 7.5f,
              new float[] {0, 0, 1, 0, 0, 0, Float.POSITIVE_INFINITY}, 0, 0));
      assertMessage("coef must not be null",
          () -> kernels.samplerStep(mo, x, null, 1, 10, true, 7.5f, null, 0, 0));
      assertMessage("guidance must be in [0.0, 100.0]",
          () -> kernels.samplerStep(mo, x, null, 1, 10, true, 101f, coef, 0, 0));
      assertMessage("guidance must be in [0.0, 100.0]",
          () -> kernels.samplerStep(mo, x, null, 1, 10, true, Float.NaN, coef, 0, 0));
      assertMessage("guidance must be in [0.0, 100.0]",
          () -> kernels.samplerStep(mo, x, null, 1, 10, true, -1f, coef, 0, 0));
      assertMessage("batch must be > 0",
          () -> kernels.samplerStep(mo, x, null, 0, 10, true, 7.5f, coef, 0, 0));
      assertMessage("n must be > 0",
          () -> kernels.samplerStep(mo, x, null, 1, 0, true, 7.5f, coef, 0, 0));
      assertMessage("modelOut must not be null",
          () -> kernels.samplerStep(null, x, null, 1, 10, true, 7.5f, coef, 0, 0));
      assertMessage("latents must not be null",
          () -> kernels.samplerStep(mo, null, null, 1, 10, true, 7.5f, coef, 0, 0));
      assertMessage("overflows a 64-bit size",
          () -> kernels.samplerStep(mo, x, null, 4, Long.MAX_VALUE / 2, true, 7.5f, coef, 0, 0));
    }
  }
}
