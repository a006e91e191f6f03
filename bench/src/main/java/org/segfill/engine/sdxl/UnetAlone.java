package org.segfill.engine.sdxl;

import java.util.Map;
import org.segfill.cuda.CapturedStep;
import org.segfill.engine.backend.DeviceRun;
import org.segfill.engine.backend.DeviceSession;
import org.segfill.engine.backend.Tensor;
import org.segfill.place.KernelPlace;

/**
 * The UNet alone on its device session, at the shapes the device-resident denoising loop
 * prepares ({@link DenoiseLoop#unetShapes}): inputs filled once, then the UNet queued step
 * after step with one wait at the end. Like the loop, it queues the first step directly and
 * replays the rest from a captured CUDA graph ({@link CapturedStep}), so what the loop takes per
 * step beyond this is segfill's own work: the input and sampler kernels, the index advance, the
 * step events and the host's polling. Holds the bundle's run lock until closed, so close it
 * before the next generation.
 */
public final class UnetAlone implements AutoCloseable {

  private final DeviceRun run;
  private final CapturedStep step;

  private UnetAlone(DeviceRun run, CapturedStep step) {
    this.run = run;
    this.step = step;
  }

  /**
   * Prepares {@code unet} for {@code batch} variants at {@code h x w} latents, with CFG, and
   * fills its inputs: {@code sample} (the scaled-and-concatenated UNet input, 2·batch x 9 x h x
   * w floats), a mid-schedule timestep and {@code conditioning}'s embeddings.
   */
  static UnetAlone prepare(DeviceSession unet, Conditioning conditioning, int batch, int h,
      int w, float[] sample) {
    Map<String, long[]> shapes = DenoiseLoop.unetShapes(conditioning, true, batch, h, w);
    DeviceRun run = unet.prepare(shapes, () -> false);
    try {
      KernelPlace place = run.place();
      place.write(sample, run.input("sample"));
      // The value does not change the work; 500 is mid-schedule.
      place.write(new float[] {500f}, run.input("timestep"));
      write(place, run, "encoder_hidden_states", conditioning.encoderHiddenStates());
      write(place, run, "text_embeds", conditioning.textEmbeds());
      write(place, run, "time_ids", conditioning.timeIds());
      return new UnetAlone(run, new CapturedStep(run.stream(), run.capturable(), run::enqueue));
    } catch (RuntimeException e) {
      run.close();
      throw e;
    }
  }

  /**
   * Queues {@code steps} UNet runs back to back, waits for the last, and returns the wall time
   * per run in milliseconds. The first call includes the first enqueue and the graph capture:
   * discard it as a warm-up.
   */
  public double millisPerStep(int steps) {
    if (steps < 1) {
      throw new IllegalArgumentException("steps: must be >= 1, got " + steps);
    }
    long start = System.nanoTime();
    for (int k = 0; k < steps; k++) {
      step.launch();
    }
    run.place().synchronize();
    return (System.nanoTime() - start) / 1e6 / steps;
  }

  /** Whether the steps replay from a CUDA graph, as the loop's do when capture succeeds. */
  public boolean replaying() {
    return step.replaying();
  }

  @Override
  public void close() {
    try {
      step.close();
    } finally {
      run.close();
    }
  }

  private static void write(KernelPlace place, DeviceRun run, String input, Tensor tensor) {
    place.write(tensor.toFloatArray(), run.input(input));
  }
}
