package org.segfill.engine.sdxl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import org.segfill.cuda.CapturedStep;
import org.segfill.engine.backend.DeviceRun;
import org.segfill.engine.backend.DeviceSession;
import org.segfill.engine.backend.HostDeviceSession;
import org.segfill.engine.backend.Session;
import org.segfill.engine.backend.Tensor;
import org.segfill.engine.sdxl.scheduler.SamplerRun;
import org.segfill.engine.sdxl.scheduler.Schedule;
import org.segfill.engine.sdxl.scheduler.StepPlan;
import org.segfill.kernels.PlannedStepKernels;
import org.segfill.kernels.StepValues;
import org.segfill.place.KernelPlace;
import org.segfill.place.PlaceBuffer;

/**
 * The denoising loop of model contract B7 for the 9-channel inpainting UNet, the one loop of
 * every backend. Everything lives in the UNet run's memory: the GPU for TensorRT, host memory for
 * ONNX Runtime (through {@link HostDeviceSession}). The text embeddings, latents, mask and
 * masked-image latents are uploaded once, with a table of every step's values (timestep, input
 * scale, sampler coefficients, noise stream) and a step index. A step is our scale-and-concat
 * kernel, the UNet and our fused CFG + sampler kernel, which read the step's values through the
 * index, then a kernel that advances it; so on a GPU the whole step is captured once in a CUDA
 * graph and each later step is one graph launch (see {@link CapturedStep}). No re-blending with
 * the noised original (that is only for 4-channel UNets).
 *
 * <p>The host never waits inside the loop except to keep at most {@link #AHEAD} steps queued,
 * which it learns by querying one event per step: that query is the progress signal, and
 * cancellation takes effect at the next step boundary. On the CPU every step finishes as it is
 * queued. The step functions that model contract D5-D10 names as likely mistakes come from
 * {@link SdxlSteps}, so the mistake tests exercise this loop.
 */
final class DenoiseLoop {

  /** Steps queued ahead of the one the GPU is running: enough to keep it busy. */
  static final int AHEAD = 2;

  /**
   * Slots of the preview rings. Step k's preview is read when k is reported, while at most
   * steps k+1 to k+AHEAD are queued; step k + RING, the next to use k's slot, is only queued
   * after k has been reported.
   */
  static final int RING = AHEAD + 2;

  /** Event polls spun through before the loop starts sleeping between polls (see pause). */
  private static final int SPIN_POLLS = 64;

  /** The sleep between later polls. */
  private static final long POLL_NANOS = 200_000;

  private static final System.Logger LOG = System.getLogger(DenoiseLoop.class.getName());

  private final DeviceSession unet;
  private final SdxlSteps steps;

  /**
   * A loop over {@code unet}: a device session as it is, any other (ONNX Runtime's) through a
   * {@link HostDeviceSession}, which the loop does not close.
   */
  DenoiseLoop(Session unet, SdxlSteps steps) {
    this.unet = unet instanceof DeviceSession device ? device : HostDeviceSession.concurrent(unet);
    this.steps = steps;
  }

  /** What the loop works on; the latents are updated in place. */
  record State(float[] latents, float[] mask, float[] maskedLatents, int batch, int h, int w) {}

  /**
   * Runs every step of {@code schedule} in the run's memory and copies the final latents into
   * {@code state}.
   *
   * @throws CancellationException if {@code cancelled} turns true while waiting for the UNet or
   *     between steps
   */
  void run(State state, Schedule schedule, Conditioning conditioning, float guidance,
      boolean cfg, long seed, ProgressListener progress, BooleanSupplier cancelled) {
    int batch = state.batch();
    int h = state.h();
    int w = state.w();
    long n = (long) SdxlContracts.LATENT_CHANNELS * h * w;
    long start = System.nanoTime();
    Map<String, long[]> shapes = unetShapes(conditioning, cfg, batch, h, w);
    List<StepPlan> plans = steps(schedule);
    List<StepValues> table = table(plans);
    int total = table.size();
    boolean previews = progress.wantsPreview();
    // Waits for the UNet while another generation holds it; a cancel ends that wait too.
    try (DeviceRun graph = unet.prepare(shapes, cancelled)) {
      KernelPlace place = graph.place();
      try (PlaceBuffer latents = place.upload(state.latents());
          PlaceBuffer mask = place.upload(state.mask());
          PlaceBuffer masked = place.upload(state.maskedLatents());
          PlaceBuffer history = schedule.needsHistory()
              ? place.allocate(batch * n * Float.BYTES) : null;
          PlaceBuffer values = place.upload(StepValues.encode(table));
          PlaceBuffer stepIndex = place.upload(new byte[Integer.BYTES]);
          PreviewRings rings = previews ? PreviewRings.allocate(place, n, cfg) : null;
          StepSignals done = StepSignals.of(graph, total)) {
        PlannedStepKernels kernels = new PlannedStepKernels(place.target());
        // The embeddings go up once and stay in the UNet's input buffers for every step.
        copyIn(place, graph, "encoder_hidden_states", conditioning.encoderHiddenStates());
        copyIn(place, graph, "text_embeds", conditioning.textEmbeds());
        copyIn(place, graph, "time_ids", conditioning.timeIds());
        StepBuffers run = new StepBuffers(place, kernels, graph, latents.floats(), mask.floats(),
            masked.floats(), history == null ? null : history.floats(), values.bytes(), total,
            stepIndex.ints(), batch, h, w, cfg, guidance, seed);
        // The step being queued, for host-side step functions; set by the loop, not by the
        // queueing, which a failed capture repeats for the same step.
        int[] queued = {0};
        Runnable queueStep = () -> {
          StepPlan plan = plans.get(queued[0]);
          steps.unetInput().queue(run, plan);
          graph.enqueue();
          if (rings != null) {
            // The first variant's latents before the update and its UNet output, into the
            // step's slot of host-visible rings: the preview is read from there while later
            // steps run, so previews keep steps queued ahead as the loop without them does.
            rings.queueCopies(kernels, latents.floats(), graph.output("out_sample"), batch,
                stepIndex.ints());
          }
          kernels.samplerStep(graph.output("out_sample"), latents.floats(),
              history == null ? null : history.floats(), batch, n, cfg, guidance,
              values.bytes(), total, stepIndex.ints(), seed);
          steps.afterStep().queue(run, plan);
          kernels.advance(stepIndex.ints());
        };
        IntFunction<StepProgress> finished = k -> new StepProgress(k + 1, total,
            System.nanoTime() - start, rings == null ? null
                : rings.preview(k, plans.get(k), guidance, h, w));
        try (CapturedStep step = new CapturedStep(graph.stream(), graph.capturable(),
            queueStep)) {
          try {
            int reported = runSteps(step, done, finished, AHEAD, total, progress, cancelled,
                queued);
            if (step.captureFailure() != null) {
              LOG.log(System.Logger.Level.WARNING, "denoising steps ran without a CUDA graph:"
                  + " {0}", step.captureFailure());
            }
            // The one blocking wait: the final latents come back to the host.
            place.download(latents, state.latents());
            for (; reported < total; reported++) {
              progress.onStep(finished.apply(reported));
            }
          } finally {
            // On a cancel, steps may still be queued: they must finish before the graph they
            // replay is destroyed and before the buffers they use are freed (cudaFree does not
            // promise to wait for a stream's work).
            place.synchronize();
          }
        }
      }
    }
  }

  // Queues every step, keeping at most `ahead` queued, and reports each step that finished
  // meanwhile; returns how many were reported (the rest have been queued).
  private static int runSteps(CapturedStep step, StepSignals done,
      IntFunction<StepProgress> finished, int ahead, int total, ProgressListener progress,
      BooleanSupplier cancelled, int[] queued) {
    int reported = 0;
    for (int k = 0; k < total; k++) {
      // Wait (by polling the event, not blocking the stream) until at most `ahead` steps are
      // queued; report every step finished meanwhile; a cancel stops before queueing more.
      int polls = 0;
      while (k - reported > ahead || (reported < k && done.finished(reported))) {
        if (reported < k && done.finished(reported)) {
          progress.onStep(finished.apply(reported));
          reported++;
          polls = 0;
        } else {
          pause(polls++);
        }
      }
      if (cancelled.getAsBoolean()) {
        throw new CancellationException("cancelled before step " + (k + 1) + " of " + total);
      }
      queued[0] = k;
      step.launch();
      done.record(k);
    }
    return reported;
  }

  /**
   * The UNet's input shapes for {@code batch} variants at {@code h x w} latents, as the loop
   * prepares its device run (bench times the UNet alone at exactly these).
   */
  static Map<String, long[]> unetShapes(Conditioning conditioning, boolean cfg, int batch, int h,
      int w) {
    int copies = cfg ? 2 : 1;
    return Map.of(
        "sample", new long[] {(long) copies * batch, SdxlContracts.UNET_IN_CHANNELS, h, w},
        "timestep", new long[0],
        "encoder_hidden_states", conditioning.encoderHiddenStates().shape(),
        "text_embeds", conditioning.textEmbeds().shape(),
        "time_ids", conditioning.timeIds().shape());
  }

  // A UNet step takes tens of milliseconds: spinning through it would keep a CPU core busy for
  // the whole generation, one per worker, taken from the clicks. Spin for the first few polls
  // (a step about to end), then sleep a little between polls; with AHEAD steps queued the GPU
  // never waits for the host, and without (previews) a poll costs at most POLL_NANOS of it.
  private static void pause(int polls) {
    if (polls < SPIN_POLLS) {
      Thread.onSpinWait();
    } else {
      LockSupport.parkNanos(POLL_NANOS);
    }
  }

  private static List<StepPlan> steps(Schedule schedule) {
    List<StepPlan> plans = new ArrayList<>();
    for (SamplerRun walk = new SamplerRun(schedule); !walk.done(); walk.advance()) {
      plans.add(walk.current());
    }
    return plans;
  }

  // Every step's values in order, as the planned kernels read them through the step index.
  private static List<StepValues> table(List<StepPlan> plans) {
    List<StepValues> table = new ArrayList<>();
    for (int k = 0; k < plans.size(); k++) {
      StepPlan plan = plans.get(k);
      table.add(new StepValues(plan.timestep(), plan.modelInputScale(),
          plan.coefficients().toArray(), NoiseStreams.ANCESTRAL + k));
    }
    return table;
  }

  private static void copyIn(KernelPlace place, DeviceRun graph, String input, Tensor tensor) {
    place.write(tensor.toFloatArray(), graph.input(input));
  }
}
