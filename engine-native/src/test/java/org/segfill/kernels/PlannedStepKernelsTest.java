package org.segfill.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.segfill.kernels.MaskBinaryOpsTest.assertMessage;
import static org.segfill.kernels.NoiseRandnTest.bits;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.junit.jupiter.api.Test;

/**
 * The planned step kernels on the CPU twin replay the eager loop bit for bit: the same UNet input
 * and timestep, and the same latents and history after every step, for Euler (the shortcut),
 * Euler ancestral (noise), DPM++ 2M (history written, then read), with CFG on and off; the step
 * index advances once per step, and a step past the table writes nothing.
 */
class PlannedStepKernelsTest {

  private static final double[] SIGMAS = {14.6, 9.1, 5.3, 2.9, 1.4, 0.6, 0.11};
  private static final long SEED = 0x5eedL;
  private static final int FIRST_STREAM = 1000;

  private final LatentKernels eager = new LatentKernels(KernelTarget.cpu());
  private final PlannedStepKernels planned = new PlannedStepKernels(KernelTarget.cpu());

  enum Sampler { EULER, EULER_ANCESTRAL, DPMPP_2M }

  static List<StepValues> plans(Sampler sampler) {
    List<StepValues> plans = new ArrayList<>();
    for (int k = 0; k + 1 < SIGMAS.length; k++) {
      double s = SIGMAS[k];
      double next = SIGMAS[k + 1];
      float[] coef = switch (sampler) {
        case EULER -> LatentKernels.eulerCoefs(s, next);
        case EULER_ANCESTRAL -> LatentKernels.eulerAncestralCoefs(s, next);
        case DPMPP_2M -> k == 0 ? LatentKernels.dpmpp2mFirstOrderCoefs(s, next)
            : LatentKernels.dpmpp2mSecondOrderCoefs(SIGMAS[k - 1], s, next);
      };
      float scale = sampler == Sampler.DPMPP_2M ? 1f : (float) (1 / Math.sqrt(s * s + 1));
      plans.add(new StepValues(999f - 150f * k, scale, coef, FIRST_STREAM + k));
    }
    return plans;
  }

  @Test
  void eulerReplaysTheEagerLoop() {
    replay(Sampler.EULER, false, 2);
    replay(Sampler.EULER, true, 1);
  }

  @Test
  void eulerAncestralReplaysTheEagerLoopNoiseIncluded() {
    replay(Sampler.EULER_ANCESTRAL, true, 2);
    replay(Sampler.EULER_ANCESTRAL, false, 3);
  }

  @Test
  void dpmpp2mReplaysTheEagerLoopHistoryIncluded() {
    replay(Sampler.DPMPP_2M, true, 2);
    replay(Sampler.DPMPP_2M, false, 1);
  }

  private void replay(Sampler sampler, boolean cfg, int batch) {
    int h = 5;
    int w = 7;
    int n = 4 * h * w;
    int copies = cfg ? 2 : 1;
    float guidance = cfg ? 6.5f : 1f;
    boolean history = sampler == Sampler.DPMPP_2M;
    List<StepValues> table = plans(sampler);
    Random random = new Random(sampler.ordinal() * 10 + batch);
    float[] start = gaussian(random, batch * n, 10);
    try (FloatPointer eagerX = new FloatPointer(start);
        FloatPointer plannedX = new FloatPointer(start);
        FloatPointer eagerH = history ? new FloatPointer(batch * n) : null;
        FloatPointer plannedH = history ? new FloatPointer(batch * n) : null;
        FloatPointer mask = new FloatPointer(binary(random, batch * h * w));
        FloatPointer masked = new FloatPointer(gaussian(random, batch * n, 1));
        FloatPointer eagerIn = new FloatPointer((long) copies * batch * 9 * h * w);
        FloatPointer plannedIn = new FloatPointer((long) copies * batch * 9 * h * w);
        FloatPointer timestep = new FloatPointer(1);
        FloatPointer modelOut = new FloatPointer((long) copies * batch * n);
        BytePointer plans = new BytePointer(StepValues.encode(table));
        IntPointer step = new IntPointer(1)) {
      step.put(0, 0);
      for (int k = 0; k < table.size(); k++) {
        StepValues p = table.get(k);
        eager.unetInput(eagerX, mask, masked, batch, batch, h, w, p.inputScale(), cfg, eagerIn);
        planned.unetInput(plannedX, mask, masked, batch, batch, h, w, cfg, plans, table.size(),
            step, plannedIn, timestep);
        assertArrayEquals(bits(floats(eagerIn)), bits(floats(plannedIn)), "UNet input, step " + k);
        assertEquals(p.timestep(), timestep.get(0), "timestep, step " + k);
        fakeUnet(eagerIn, copies * batch, h, w, p.timestep(), modelOut);
        eager.samplerStep(modelOut, eagerX, eagerH, batch, n, cfg, guidance, p.coef(), SEED,
            p.noiseStream());
        planned.samplerStep(modelOut, plannedX, plannedH, batch, n, cfg, guidance, plans,
            table.size(), step, SEED);
        planned.advance(step);
        assertArrayEquals(bits(floats(eagerX)), bits(floats(plannedX)), sampler + " latents, step " + k);
        if (history) {
          assertArrayEquals(bits(floats(eagerH)), bits(floats(plannedH)), "history, step " + k);
        }
        assertEquals(k + 1, step.get(0));
      }
      // Past the table: nothing is written.
      float[] before = floats(plannedX);
      float[] inBefore = floats(plannedIn);
      planned.unetInput(plannedX, mask, masked, batch, batch, h, w, cfg, plans, table.size(),
          step, plannedIn, timestep);
      planned.samplerStep(modelOut, plannedX, plannedH, batch, n, cfg, guidance, plans,
          table.size(), step, SEED);
      assertArrayEquals(bits(before), bits(floats(plannedX)));
      assertArrayEquals(bits(inBefore), bits(floats(plannedIn)));
    }
  }

  /** The planned step alone on sizes the loop never uses: n not a multiple of 4, and many blocks. */
  @Test
  void plannedStepMatchesEagerOnOddAndLargeSizes() {
    for (int n : new int[] {1, 7, 4 * 180 * 180 + 3}) {
      for (Sampler sampler : Sampler.values()) {
        List<StepValues> table = plans(sampler);
        int k = 2;
        StepValues p = table.get(k);
        int batch = 3;
        Random random = new Random(n + sampler.ordinal());
        float[] x = gaussian(random, batch * n, 10);
        float[] hist = gaussian(random, batch * n, 1);
        float[] out = gaussian(random, 2 * batch * n, 1);
        boolean history = sampler == Sampler.DPMPP_2M;
        try (FloatPointer mo = new FloatPointer(out);
            FloatPointer ex = new FloatPointer(x);
            FloatPointer px = new FloatPointer(x);
            FloatPointer eh = history ? new FloatPointer(hist) : null;
            FloatPointer ph = history ? new FloatPointer(hist) : null;
            BytePointer plans = new BytePointer(StepValues.encode(table));
            IntPointer step = new IntPointer(new int[] {k})) {
          eager.samplerStep(mo, ex, eh, batch, n, true, 5f, p.coef(), SEED, p.noiseStream());
          planned.samplerStep(mo, px, ph, batch, n, true, 5f, plans, table.size(), step, SEED);
          assertArrayEquals(bits(floats(ex)), bits(floats(px)), sampler + " n=" + n);
          if (history) {
            assertArrayEquals(bits(floats(eh)), bits(floats(ph)), sampler + " history n=" + n);
          }
        }
      }
    }
  }

  @Test
  void refusesATableTooSmallAndBadValues() {
    List<StepValues> table = plans(Sampler.EULER);
    try (BytePointer plans = new BytePointer(StepValues.encode(table));
        IntPointer step = new IntPointer(1);
        FloatPointer x = new FloatPointer(8);
        FloatPointer mo = new FloatPointer(16)) {
      assertMessage("plans", () -> planned.samplerStep(mo, x,
          null, 2, 4, true, 5f, plans, table.size() + 1, step, SEED));
      assertMessage("planCount", () -> planned.samplerStep(mo,
          x, null, 2, 4, true, 5f, plans, 0, step, SEED));
      assertMessage("modelOut", () -> planned.samplerStep(mo,
          x, null, 4, 4, true, 5f, plans, table.size(), step, SEED));
    }
    assertMessage("coef",
        () -> new StepValues(1f, 1f, new float[] {0, 0, 1, 0, 0, Float.NaN, 0}, 0));
    assertMessage("inputScale",
        () -> new StepValues(1f, 0f, LatentKernels.eulerCoefs(2, 1), 0));
    assertMessage("plans",
        () -> StepValues.encode(List.of()));
  }

  // A deterministic stand-in for the UNet: each output element mixes its sample's latent
  // channel, mask and masked-latent planes, and the timestep, so any input difference shows.
  private static void fakeUnet(FloatPointer in, int samples, int h, int w, float timestep,
      FloatPointer out) {
    int hw = h * w;
    for (int s = 0; s < samples; s++) {
      for (int c = 0; c < 4; c++) {
        for (int i = 0; i < hw; i++) {
          float latent = in.get(((long) s * 9 + c) * hw + i);
          float mask = in.get(((long) s * 9 + 4) * hw + i);
          float masked = in.get(((long) s * 9 + 5 + c) * hw + i);
          out.put(((long) s * 4 + c) * hw + i,
              0.3f * latent + 0.2f * mask - 0.1f * masked + timestep * 1e-4f * (s + 1));
        }
      }
    }
  }

  private static float[] gaussian(Random random, int n, double scale) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (random.nextGaussian() * scale);
    }
    return v;
  }

  private static float[] binary(Random random, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = random.nextBoolean() ? 1f : 0f;
    }
    return v;
  }

  private static float[] floats(FloatPointer p) {
    float[] v = new float[(int) p.capacity()];
    p.get(v);
    return v;
  }
}
