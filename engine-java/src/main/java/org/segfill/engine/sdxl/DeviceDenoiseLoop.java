package org.segfill.engine.sdxl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.bytedeco.cuda.cudart.CUevent_st;
import org.bytedeco.cuda.global.cudart;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.segfill.cuda.CapturedStep;
import org.segfill.cuda.DeviceBuffer;
import org.segfill.engine.backend.DeviceFault;
import org.segfill.engine.backend.DeviceRun;
import org.segfill.engine.backend.DeviceSession;
import org.segfill.engine.backend.Tensor;
import org.segfill.engine.sdxl.scheduler.SamplerRun;
import org.segfill.engine.sdxl.scheduler.Schedule;
import org.segfill.engine.sdxl.scheduler.StepPlan;
import org.segfill.kernels.KernelTarget;
import org.segfill.kernels.PlannedStepKernels;
import org.segfill.kernels.StepValues;

/**
 * The denoising loop of {@link DenoiseLoop} with everything on the GPU: the text embeddings,
 * latents, mask and masked-image latents are uploaded once, with a table of every step's values
 * (timestep, input scale, sampler coefficients, noise stream) and a step index. A step is our
 * scale-and-concat kernel, the UNet and our fused CFG + sampler kernel, which read the step's
 * values through the index, then a kernel that advances it; so the whole step is captured once in
 * a CUDA graph and each later step is one graph launch (see {@link CapturedStep}). The scheduler,
 * coefficients and noise streams are those of the CPU loop. The host never waits inside the loop
 * except to keep at most {@link #AHEAD} steps queued, which it learns by querying one event per
 * step: that query is the progress signal, and cancellation takes effect at the next step
 * boundary.
 */
final class DeviceDenoiseLoop {

  /** Steps queued ahead of the one the GPU is running: enough to keep it busy. */
  static final int AHEAD = 2;

  private static final System.Logger LOG = System.getLogger(DeviceDenoiseLoop.class.getName());

  private DeviceDenoiseLoop() {}

  /** Runs every step on the GPU and copies the final latents into {@code state.latents()}. */
  static void run(DeviceSession unet, DenoiseLoop.State state, Schedule schedule,
      Conditioning conditioning, float guidance, boolean cfg, long seed,
      ProgressListener progress, BooleanSupplier cancelled) {
    int batch = state.batch();
    int h = state.h();
    int w = state.w();
    long n = (long) SdxlContracts.LATENT_CHANNELS * h * w;
    int copies = cfg ? 2 : 1;
    long start = System.nanoTime();
    Map<String, long[]> shapes = Map.of(
        "sample", new long[] {(long) copies * batch, SdxlContracts.UNET_IN_CHANNELS, h, w},
        "timestep", new long[0],
        "encoder_hidden_states", conditioning.encoderHiddenStates().shape(),
        "text_embeds", conditioning.textEmbeds().shape(),
        "time_ids", conditioning.timeIds().shape());
    List<StepValues> table = table(schedule);
    int total = table.size();
    try (DeviceRun graph = unet.prepare(shapes);
        DeviceBuffer latents = upload(state.latents());
        DeviceBuffer mask = upload(state.mask());
        DeviceBuffer masked = upload(state.maskedLatents());
        DeviceBuffer history = schedule.needsHistory()
            ? DeviceBuffer.allocate(batch * n * Float.BYTES) : null;
        DeviceBuffer plans = upload(StepValues.encode(table));
        DeviceBuffer stepIndex = upload(new byte[Integer.BYTES]);
        Events done = new Events(total)) {
      PlannedStepKernels kernels = new PlannedStepKernels(KernelTarget.cuda(graph.stream()));
      // The embeddings go up once and stay in the UNet's input buffers for every step.
      copyIn(graph.input("encoder_hidden_states"), conditioning.encoderHiddenStates());
      copyIn(graph.input("text_embeds"), conditioning.textEmbeds());
      copyIn(graph.input("time_ids"), conditioning.timeIds());
      Runnable queueStep = () -> {
        kernels.unetInput(latents.asFloats(), mask.asFloats(), masked.asFloats(), batch, batch,
            h, w, cfg, plans.asBytes(), total, stepIndex.asInts(), graph.input("sample"),
            graph.input("timestep"));
        graph.enqueue();
        kernels.samplerStep(graph.output("out_sample"), latents.asFloats(),
            history == null ? null : history.asFloats(), batch, n, cfg, guidance,
            plans.asBytes(), total, stepIndex.asInts(), seed);
        kernels.advance(stepIndex.asInts());
      };
      try (CapturedStep step = new CapturedStep(graph.stream(), graph.capturable(), queueStep)) {
        int reported = 0;
        for (int k = 0; k < total; k++) {
          // Wait (by polling the event, not blocking the stream) until at most AHEAD steps are
          // queued; report every step finished meanwhile; a cancel stops before queueing more.
          while (k - reported > AHEAD || (reported < k && done.finished(reported))) {
            if (reported < k && done.finished(reported)) {
              reported++;
              progress.onStep(new StepProgress(reported, total, System.nanoTime() - start, null));
            } else {
              Thread.onSpinWait();
            }
          }
          if (cancelled.getAsBoolean()) {
            throw new CancellationException("cancelled before step " + (k + 1) + " of " + total);
          }
          step.launch();
          done.record(k, graph.stream());
        }
        if (step.captureFailure() != null) {
          LOG.log(System.Logger.Level.WARNING, "denoising steps ran without a CUDA graph: {0}",
              step.captureFailure());
        }
        // The one blocking wait: the final latents come back to the host.
        try (FloatPointer out = new FloatPointer(state.latents().length)) {
          latents.download(out, (long) state.latents().length * Float.BYTES);
          out.get(state.latents());
        }
        for (; reported < total; reported++) {
          progress.onStep(new StepProgress(reported + 1, total, System.nanoTime() - start,
              null));
        }
      } finally {
        // On a cancel, steps may still be queued: they must finish before the buffers they use
        // are freed (cudaFree does not promise to wait for other streams' work).
        cudart.cudaStreamSynchronize(graph.stream());
      }
    }
  }

  // Every step's values in order, as the planned kernels read them through the step index.
  private static List<StepValues> table(Schedule schedule) {
    List<StepValues> table = new ArrayList<>();
    SamplerRun walk = new SamplerRun(schedule);
    for (int k = 0; !walk.done(); k++) {
      StepPlan plan = walk.current();
      table.add(new StepValues(plan.timestep(), plan.modelInputScale(),
          plan.coefficients().toArray(), NoiseStreams.ANCESTRAL + k));
      walk.advance();
    }
    return table;
  }

  private static DeviceBuffer upload(byte[] bytes) {
    DeviceBuffer buffer = DeviceBuffer.allocate(bytes.length);
    try (BytePointer host = new BytePointer(bytes)) {
      buffer.upload(host, bytes.length);
    }
    return buffer;
  }

  private static DeviceBuffer upload(float[] values) {
    DeviceBuffer buffer = DeviceBuffer.allocate((long) values.length * Float.BYTES);
    try (FloatPointer host = new FloatPointer(values)) {
      buffer.upload(host, (long) values.length * Float.BYTES);
    }
    return buffer;
  }

  private static void copyIn(FloatPointer device, Tensor tensor) {
    float[] values = tensor.toFloatArray();
    try (FloatPointer host = new FloatPointer(values)) {
      // Synchronous cudaMemcpy: done before the loop starts, so no ordering question.
      check("cudaMemcpy(conditioning)", cudart.cudaMemcpy(device, host,
          (long) values.length * Float.BYTES, cudart.cudaMemcpyHostToDevice));
    }
  }

  private static void check(String operation, int status) {
    if (status != cudart.cudaSuccess) {
      throw new DeviceFault(operation, status, cudart.cudaGetErrorString(status).getString());
    }
  }

  /** One CUDA event per step, recorded after the step's sampler kernel. */
  private static final class Events implements AutoCloseable {
    private final CUevent_st[] events;

    Events(int count) {
      events = new CUevent_st[count];
      try {
        for (int i = 0; i < count; i++) {
          CUevent_st e = new CUevent_st();
          // cudaEventDisableTiming: the cheapest event, fit for cudaEventQuery polling.
          check("cudaEventCreateWithFlags", cudart.cudaEventCreateWithFlags(e,
              cudart.cudaEventDisableTiming));
          events[i] = e;
        }
      } catch (RuntimeException ex) {
        close();
        throw ex;
      }
    }

    void record(int step, Pointer stream) {
      check("cudaEventRecord", cudart.cudaEventRecord(events[step],
          (org.bytedeco.cuda.cudart.CUstream_st) stream));
    }

    // cudaEventQuery: cudaSuccess once the stream passed the record, cudaErrorNotReady before;
    // any other value is an error of the work before it (sticky ones included).
    boolean finished(int step) {
      int status = cudart.cudaEventQuery(events[step]);
      if (status == cudart.cudaErrorNotReady) {
        return false;
      }
      check("cudaEventQuery(step " + (step + 1) + ")", status);
      return true;
    }

    @Override
    public void close() {
      for (CUevent_st e : events) {
        if (e != null) {
          cudart.cudaEventDestroy(e);
        }
      }
    }
  }
}
