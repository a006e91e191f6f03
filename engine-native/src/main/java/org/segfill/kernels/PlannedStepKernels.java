package org.segfill.kernels;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.segfill.kernels.binding.LatentLib;

/**
 * The per-step kernels of a denoising loop that is captured once in a CUDA graph and replayed:
 * {@link LatentKernels#unetInput} and {@link LatentKernels#samplerStep} with the step's values
 * read from a table of {@link StepValues}s at a step index, both in device memory, plus the kernel
 * that advances the index. Replaying {@code unetInput, (UNet), samplerStep, advance} k times
 * gives the bits of the eager loop's first k steps. {@link #copyToStepSlot} keeps a step's
 * values in the index's slot of a small ring, for previews read while later steps are queued.
 *
 * <p>The index cannot be checked before launch (it lives on the device); a step outside the table
 * (for the ring copy, a negative one) makes the kernels write nothing.
 */
public final class PlannedStepKernels {

  /**
   * The most slots {@link #copyToStepSlot} takes: a preview ring only needs to cover the steps
   * queued ahead of the host, and more would hide a slot count mixed up with a step count.
   */
  public static final int MAX_RING_SLOTS = 64;

  private final KernelTarget target;

  public PlannedStepKernels(KernelTarget target) {
    this.target = Args.notNull("target", target);
  }

  /**
   * {@link LatentKernels#unetInput} with {@code scale = plans[*step].inputScale}, also writing
   * {@code plans[*step].timestep} to {@code timestepOut[0]}.
   */
  public void unetInput(FloatPointer latents, FloatPointer mask, FloatPointer maskedLatents,
      int batch, int maskBatch, int h, int w, boolean cfg, BytePointer plans, int planCount,
      IntPointer step, FloatPointer out, FloatPointer timestepOut) {
    Args.positive("batch", batch);
    Args.positive("maskBatch", maskBatch);
    Args.positive("h", h);
    Args.positive("w", w);
    if (batch % maskBatch != 0) {
      throw new IllegalArgumentException(
          "maskBatch must divide batch " + batch + ", got " + maskBatch);
    }
    checkTable(plans, planCount, step);
    Args.elements("latents", latents, Args.product("latents", batch, 4, h, w));
    Args.elements("mask", mask, Args.product("mask", maskBatch, h, w));
    Args.elements(
        "maskedLatents", maskedLatents, Args.product("maskedLatents", maskBatch, 4, h, w));
    Args.elements("out", out, Args.product("out", cfg ? 2 : 1, batch, 9, h, w));
    Args.elements("timestepOut", timestepOut, 1);
    Status.check("sf_unet_input_planned_f32", LatentLib.sf_unet_input_planned_f32(device(),
        target.stream(), latents, mask, maskedLatents, batch, maskBatch, h, w, cfg ? 2 : 1,
        plans, planCount, step, out, timestepOut));
  }

  /**
   * {@link LatentKernels#samplerStep} with {@code coef} and {@code noiseStream} from {@code
   * plans[*step]}.
   */
  public void samplerStep(FloatPointer modelOut, FloatPointer latents, FloatPointer history,
      int batch, long n, boolean cfg, float guidance, BytePointer plans, int planCount,
      IntPointer step, long seed) {
    Args.positive("batch", batch);
    Args.positive("n", n);
    Args.inRange("guidance", guidance, 0f, LatentKernels.MAX_GUIDANCE);
    checkTable(plans, planCount, step);
    long total = Args.product("latents", batch, n);
    Args.elements("modelOut", modelOut, Args.product("modelOut", cfg ? 2 : 1, batch, n));
    Args.elements("latents", latents, total);
    if (history != null) {
      Args.elements("history", history, total);
    }
    Status.check("sf_sampler_step_planned_f32", LatentLib.sf_sampler_step_planned_f32(device(),
        target.stream(), modelOut, latents, history, batch, n, cfg ? 1 : 0, guidance, plans,
        planCount, step, seed));
  }

  /** {@code *step += 1}, queued after the step's kernels. */
  public void advance(IntPointer step) {
    Args.elements("step", step, 1);
    Status.check("sf_step_advance", LatentLib.sf_step_advance(device(), target.stream(), step));
  }

  /**
   * {@code ring[(*step % slots) * n + i] = src[i]} for {@code i} in {@code [0, n)}: keeps the
   * values of the step at the device index (a preview's inputs) in slot {@code *step % slots} of
   * a ring of {@code slots} buffers of {@code n} floats, leaving the other slots as they are.
   * The slot comes from the index in memory, so a captured step replayed k times has written
   * the last {@code min(k, slots)} steps' values; the host reads a slot once that step's work has
   * finished and before the ring comes round to it again. A negative index writes nothing.
   *
   * @param ring {@code slots * n} floats
   * @param slots ring length, in [1, {@value #MAX_RING_SLOTS}]
   */
  public void copyToStepSlot(FloatPointer src, FloatPointer ring, long n, int slots,
      IntPointer step) {
    Args.positive("n", n);
    Args.inRange("slots", slots, 1, MAX_RING_SLOTS);
    Args.elements("src", src, n);
    Args.elements("ring", ring, Args.product("ring", slots, n));
    Args.elements("step", step, 1);
    Status.check("sf_copy_to_step_slot_f32", LatentLib.sf_copy_to_step_slot_f32(device(),
        target.stream(), src, ring, n, slots, step));
  }

  private static void checkTable(BytePointer plans, int planCount, IntPointer step) {
    Args.positive("planCount", planCount);
    Args.elements("plans", plans, Args.product("plans", planCount, StepValues.BYTES));
    Args.elements("step", step, 1);
  }

  private int device() {
    return target.device().code();
  }
}
