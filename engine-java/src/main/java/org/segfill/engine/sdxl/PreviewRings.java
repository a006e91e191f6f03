package org.segfill.engine.sdxl;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.segfill.engine.image.RgbImage;
import org.segfill.engine.sdxl.scheduler.StepPlan;
import org.segfill.kernels.PlannedStepKernels;
import org.segfill.place.KernelPlace;
import org.segfill.place.PlaceBuffer;

/**
 * What a step's preview is made of (the first variant's latents before the update, its UNet
 * output, and with CFG the conditional half), kept per step in {@link DenoiseLoop#RING} slots of
 * host-visible memory. The copies are queued inside the step, where the slot comes from the
 * run's step index (so a captured step replays them into the right slot), and the host reads a
 * finished step's slot directly, with no copy call that would wait for the steps queued after it.
 */
final class PreviewRings implements AutoCloseable {

  private final long n;
  private final PlaceBuffer latents;
  private final PlaceBuffer eps;
  private final PlaceBuffer cond;

  private PreviewRings(long n, PlaceBuffer latents, PlaceBuffer eps, PlaceBuffer cond) {
    this.n = n;
    this.latents = latents;
    this.eps = eps;
    this.cond = cond;
  }

  /** Rings for {@code n} latent elements per variant, with the conditional half if CFG. */
  static PreviewRings allocate(KernelPlace place, long n, boolean cfg) {
    long bytes = DenoiseLoop.RING * n * Float.BYTES;
    PlaceBuffer latents = place.allocateHostVisible(bytes);
    PlaceBuffer eps = null;
    try {
      eps = place.allocateHostVisible(bytes);
      return new PreviewRings(n, latents, eps, cfg ? place.allocateHostVisible(bytes) : null);
    } catch (RuntimeException e) {
      latents.close();
      if (eps != null) {
        eps.close();
      }
      throw e;
    }
  }

  /**
   * Queues the copies of the step the index points at: {@code latents} before the sampler
   * update, and {@code modelOut}'s first row (and, with CFG, the conditional row at
   * {@code batch}).
   */
  void queueCopies(PlannedStepKernels kernels, FloatPointer latents, FloatPointer modelOut,
      int batch, IntPointer stepIndex) {
    kernels.copyToStepSlot(latents, this.latents.floats(), n, DenoiseLoop.RING, stepIndex);
    kernels.copyToStepSlot(modelOut, eps.floats(), n, DenoiseLoop.RING, stepIndex);
    if (cond != null) {
      // A view, so the run's own pointer keeps its position.
      kernels.copyToStepSlot(new FloatPointer(modelOut).position(batch * n), cond.floats(), n,
          DenoiseLoop.RING, stepIndex);
    }
  }

  /** The preview of finished step {@code k} (0-based), read from its slot on the host. */
  RgbImage preview(int k, StepPlan step, float guidance, int h, int w) {
    long at = (long) (k % DenoiseLoop.RING) * n;
    float[] x = read(latents, at);
    float[] e = read(eps, at);
    float[] c = cond == null ? null : read(cond, at);
    return StepPreview.of(x, e, c, step, guidance, h, w);
  }

  private float[] read(PlaceBuffer ring, long at) {
    float[] values = new float[Math.toIntExact(n)];
    ring.floats().position(at).get(values);
    return values;
  }

  @Override
  public void close() {
    try (PlaceBuffer a = latents; PlaceBuffer b = eps; PlaceBuffer c = cond) {
      // Closed in reverse order by try-with-resources; a null resource is skipped.
    }
  }
}
