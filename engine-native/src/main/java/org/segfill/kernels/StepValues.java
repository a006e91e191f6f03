package org.segfill.kernels;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * The values one denoising step reads from device memory in {@link PlannedStepKernels}: the C
 * struct {@code sf_step_plan} of {@code segfill/latent.h}, 40 bytes little-endian.
 *
 * @param timestep the UNet's timestep input
 * @param inputScale the scale of the latents in the UNet input
 * @param coef the sampler coefficients {P, Q, A, B, C, D, E}
 * @param noiseStream the sampler's noise stream
 */
public record StepValues(float timestep, float inputScale, float[] coef, int noiseStream) {

  /** Bytes of one record, {@code sizeof(sf_step_plan)}. */
  public static final int BYTES = 40;

  public StepValues {
    Args.finite("timestep", timestep);
    Args.inRange("inputScale", inputScale, Float.MIN_VALUE, Float.MAX_VALUE);
    LatentKernels.checkCoefs(coef);
    coef = coef.clone();
  }

  @Override
  public float[] coef() {
    return coef.clone();
  }

  /** The records in order, as the kernels read them. */
  public static byte[] encode(List<StepValues> plans) {
    if (plans.isEmpty()) {
      throw new IllegalArgumentException("plans: at least one step is needed");
    }
    ByteBuffer out = ByteBuffer.allocate(Math.multiplyExact(plans.size(), BYTES))
        .order(ByteOrder.LITTLE_ENDIAN);
    for (StepValues p : plans) {
      out.putFloat(p.timestep).putFloat(p.inputScale);
      for (float c : p.coef) {
        out.putFloat(c);
      }
      out.putInt(p.noiseStream);
    }
    return out.array();
  }
}
