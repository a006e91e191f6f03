package org.segfill.engine.sdxl;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.bytedeco.javacpp.FloatPointer;
import org.segfill.engine.backend.DType;
import org.segfill.engine.backend.DeviceSession;
import org.segfill.engine.backend.Session;
import org.segfill.engine.backend.Tensor;
import org.segfill.engine.image.RgbImage;
import org.segfill.engine.sdxl.scheduler.SamplerRun;
import org.segfill.engine.sdxl.scheduler.Schedule;
import org.segfill.engine.sdxl.scheduler.StepPlan;
import org.segfill.kernels.KernelTarget;
import org.segfill.kernels.LatentKernels;

/**
 * The denoising loop of model contract B7 for the 9-channel inpainting UNet: per step, our
 * kernels build [scaled latents, mask, masked-image latents] (duplicated for CFG), the UNet runs,
 * and one fused kernel applies CFG and the sampler update in place. No re-blending with the
 * noised original (that is only for 4-channel UNets). Cancellation is checked before every step.
 */
final class DenoiseLoop {

  private final Session unet;
  private final SdxlSteps steps;
  private final LatentKernels kernels = new LatentKernels(KernelTarget.cpu());

  DenoiseLoop(Session unet, SdxlSteps steps) {
    this.unet = unet;
    this.steps = steps;
  }

  /** What the loop works on; the latents are updated in place. */
  record State(float[] latents, float[] mask, float[] maskedLatents, int batch, int h, int w) {}

  /**
   * Runs every step of {@code schedule} on {@code state.latents()}.
   *
   * @throws CancellationException if {@code cancelled} turns true between steps, or while a
   *     device UNet is held by another generation
   */
  void run(State state, Schedule schedule, Conditioning conditioning, float guidance,
      boolean cfg, long seed, ProgressListener progress, BooleanSupplier cancelled) {
    if (unet instanceof DeviceSession device) {
      // A GPU backend with device buffers (TensorRT): the same steps without host round trips.
      DeviceDenoiseLoop.run(device, state, schedule, conditioning, guidance, cfg, seed,
          progress, cancelled);
      return;
    }
    int batch = state.batch();
    int h = state.h();
    int w = state.w();
    long n = (long) SdxlContracts.LATENT_CHANNELS * h * w;
    int copies = cfg ? 2 : 1;
    long start = System.nanoTime();
    SamplerRun run = new SamplerRun(schedule);
    // One UNet input for the whole run: the kernel rebuilds it in place every step and the
    // sample tensor wraps the same memory. A new tensor per step (1.2 MB at 1024²) cost more than
    // the step's kernels: fresh native memory to fault in every step, and direct buffers that
    // pile up until a GC happens to run.
    long[] sampleShape = {(long) copies * batch, SdxlContracts.UNET_IN_CHANNELS, h, w};
    ByteBuffer sampleBytes = ByteBuffer.allocateDirect(
        Math.toIntExact(sampleShape[0] * SdxlContracts.UNET_IN_CHANNELS * h * w * Float.BYTES))
        .order(ByteOrder.LITTLE_ENDIAN);
    Tensor sample = Tensor.wrap(DType.FLOAT32, sampleShape, sampleBytes);
    // A view of sampleBytes: it owns no memory, the tensor keeps the buffer alive.
    FloatPointer input = new FloatPointer(sampleBytes.asFloatBuffer());
    try (FloatPointer latents = new FloatPointer(state.latents());
        FloatPointer mask = new FloatPointer(state.mask());
        FloatPointer masked = new FloatPointer(state.maskedLatents());
        FloatPointer modelOut = new FloatPointer(copies * batch * n);
        FloatPointer history = schedule.needsHistory() ? new FloatPointer(batch * n) : null) {
      for (int k = 0; !run.done(); k++) {
        if (cancelled.getAsBoolean()) {
          throw new CancellationException("cancelled before step " + (k + 1) + " of "
              + schedule.unetCalls());
        }
        StepPlan step = run.current();
        steps.unetInput().build(latents, mask, masked, batch, h, w, step.modelInputScale(), cfg,
            input);
        Tensor eps = unet.run(Map.of(
            "sample", sample,
            "timestep", Tensor.scalar(step.timestep()),
            "encoder_hidden_states", conditioning.encoderHiddenStates(),
            "text_embeds", conditioning.textEmbeds(),
            "time_ids", conditioning.timeIds()), Set.of("out_sample")).get("out_sample");
        modelOut.asByteBuffer().put(eps.data());
        RgbImage preview = progress.wantsPreview()
            ? preview(latents, modelOut, step, n, cfg, guidance, batch, h, w)
            : null;
        kernels.samplerStep(modelOut, latents, history, batch, n, cfg, guidance,
            step.coefficients().toArray(), seed, NoiseStreams.ANCESTRAL + k);
        // The hook sees the latents in Java arrays: two small copies per step (0.26 MB at 1024²).
        latents.get(state.latents());
        steps.afterStep().after(step, state.latents(), state.mask(), batch);
        latents.put(state.latents());
        run.advance();
        progress.onStep(new StepProgress(k + 1, schedule.unetCalls(), System.nanoTime() - start,
            preview));
      }
      latents.get(state.latents());
    }
  }

  // The first variant's latents and UNet output, read before the update.
  private static RgbImage preview(FloatPointer latents, FloatPointer modelOut, StepPlan step,
      long n, boolean cfg, float guidance, int batch, int h, int w) {
    float[] x = new float[(int) n];
    float[] eps = new float[(int) n];
    latents.get(x);
    modelOut.get(eps);
    float[] cond = null;
    if (cfg) {
      cond = new float[(int) n];
      modelOut.position(batch * n).get(cond);
      modelOut.position(0);
    }
    return StepPreview.of(x, eps, cond, step, guidance, h, w);
  }
}
