package org.segfill.engine.sdxl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.Random;
import org.bytedeco.javacpp.FloatPointer;
import org.junit.jupiter.api.Test;
import org.segfill.engine.sdxl.scheduler.StepCoefficients;
import org.segfill.engine.sdxl.scheduler.StepPlan;
import org.segfill.kernels.PlannedStepKernels;
import org.segfill.place.KernelPlace;
import org.segfill.place.PlaceBuffer;

/**
 * A step's preview comes from the ring slot its step index chose: after more steps than slots,
 * each of the last {@link DenoiseLoop#RING} steps still previews its own latents and UNet output
 * (conditional half included), exactly as the preview of those arrays.
 */
class PreviewRingsTest {

  private static final int H = 8;
  private static final int W = 8;
  private static final int N = SdxlContracts.LATENT_CHANNELS * H * W;
  private static final int BATCH = 2;
  private static final float GUIDANCE = 5f;
  private static final StepPlan EULER_STEP = new StepPlan(0, 500f, 3f, 2f, 0.3f, 1, 2f, 0f,
      StepCoefficients.of(new float[] {0, 0, 1, 0, 0, 0, 0}));

  @Test
  void eachOfTheLastStepsPreviewsItsOwnValues() {
    KernelPlace place = KernelPlace.cpu();
    int steps = DenoiseLoop.RING + 3;
    float[][] latentsPerStep = new float[steps][];
    float[][] outPerStep = new float[steps][];
    try (PreviewRings rings = PreviewRings.allocate(place, N, true);
        PlaceBuffer stepIndex = place.upload(new byte[Integer.BYTES]);
        FloatPointer latents = new FloatPointer(BATCH * N);
        FloatPointer modelOut = new FloatPointer(2L * BATCH * N)) {
      PlannedStepKernels kernels = new PlannedStepKernels(place.target());
      Random random = new Random(7);
      for (int k = 0; k < steps; k++) {
        latentsPerStep[k] = randoms(random, BATCH * N);
        outPerStep[k] = randoms(random, 2 * BATCH * N);
        latents.position(0).put(latentsPerStep[k]);
        modelOut.position(0).put(outPerStep[k]);
        latents.position(0);
        modelOut.position(0);
        rings.queueCopies(kernels, latents, modelOut, BATCH, stepIndex.ints());
        kernels.advance(stepIndex.ints());
      }
      for (int k = steps - DenoiseLoop.RING; k < steps; k++) {
        float[] x = slice(latentsPerStep[k], 0);
        float[] eps = slice(outPerStep[k], 0);
        float[] cond = slice(outPerStep[k], BATCH * N);
        assertArrayEquals(StepPreview.of(x, eps, cond, EULER_STEP, GUIDANCE, H, W).rgb(),
            rings.preview(k, EULER_STEP, GUIDANCE, H, W).rgb(), "step " + k);
      }
      // The check can fail: a step whose slot was reused previews the later step's values.
      int reused = steps - DenoiseLoop.RING - 1;
      assertFalse(Arrays.equals(
          StepPreview.of(slice(latentsPerStep[reused], 0), slice(outPerStep[reused], 0),
              slice(outPerStep[reused], BATCH * N), EULER_STEP, GUIDANCE, H, W).rgb(),
          rings.preview(reused, EULER_STEP, GUIDANCE, H, W).rgb()));
    }
  }

  private static float[] randoms(Random random, int count) {
    float[] values = new float[count];
    for (int i = 0; i < count; i++) {
      values[i] = (float) random.nextGaussian();
    }
    return values;
  }

  private static float[] slice(float[] values, int from) {
    return Arrays.copyOfRange(values, from, from + N);
  }
}
