package org.segfill.engine.sdxl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.FloatPointer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.segfill.engine.backend.CastingSession;
import org.segfill.engine.backend.DType;
import org.segfill.engine.backend.ort.OrtBackend;
import org.segfill.engine.sdxl.scheduler.Sampler;
import org.segfill.engine.sdxl.scheduler.Schedule;
import org.segfill.engine.sdxl.scheduler.SchedulerConfig;
import org.segfill.engine.sdxl.scheduler.StepPlan;
import org.segfill.kernels.KernelTarget;
import org.segfill.kernels.LatentKernels;
import org.segfill.models.bundle.SdxlBundle;
import org.segfill.models.testbundle.TestBundles;

/**
 * The host overhead of one denoising step at 1024x1024 (latents 1x4x128x128, CFG on, so the
 * UNet takes 2x9x128x128), with a UNet that answers instantly ({@link NoOpUnet}): what segfill
 * itself spends per step around the UNet call. Each op runs the real {@link DenoiseLoop} for
 * {@value #STEPS} steps; JMH divides by that, so every row is per step (the loop's per-run
 * set-up, about 2.5 MB of buffers, is spread over the steps).
 *
 * <p>{@code step} is the loop as the pipeline runs it (no preview); {@code stepWithPreview} adds
 * the per-step latent preview a listener may ask for; {@code kernelsOnly} is the floor: just the
 * UNet-input kernel and the fused CFG + sampler kernel on the same buffers. {@code unet=float16}
 * declares the no-op's float tensors float16, as an fp16 export does, so the pipeline's
 * {@link CastingSession} converts at the boundary every step.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class SdxlStepBench {
  /** Steps per op; every result is divided by it. */
  public static final int STEPS = 10;
  /** Latent side at 1024x1024. */
  public static final int SIDE = 128;
  private static final int BATCH = 1;
  private static final float GUIDANCE = 7.5f;
  private static final long SEED = 42;

  @Param({"euler", "dpmpp_2m"})
  public String sampler;

  @Param({"float32", "float16"})
  public String unet;

  private Path bundles;
  private SdxlGraphs real;
  private DenoiseLoop loop;
  private Schedule schedule;
  private Conditioning conditioning;
  private DenoiseLoop.State state;
  private final KeepLastPreview previews = new KeepLastPreview();
  private final LatentKernels kernels = new LatentKernels(KernelTarget.cpu());
  private FloatPointer latents;
  private FloatPointer mask;
  private FloatPointer masked;
  private FloatPointer input;
  private FloatPointer modelOut;
  private FloatPointer history;

  @Setup(Level.Trial)
  public void load() throws IOException {
    bundles = Files.createTempDirectory("segfill-bench-sdxl");
    real = SdxlBundle.locate(TestBundles.writeSdxl(bundles)).open(new OrtBackend());
    DType dtype = unet.equals("float16") ? DType.FLOAT16 : DType.FLOAT32;
    NoOpUnet noOp = NoOpUnet.like(real.unet(), dtype, 2 * BATCH, SIDE, SIDE);
    // Made as the pipeline's graphs are, so the no-op passes the UNet contract check.
    SdxlGraphs graphs = new SdxlGraphs(real.bundleId(), real.textEncoder(), real.textEncoder2(),
        noOp, real.vaeEncoder(), real.vaeDecoder());
    loop = new DenoiseLoop(CastingSession.wrap(graphs.unet()), SdxlSteps.standard());
    schedule = Sampler.fromId(sampler).plan(SchedulerConfig.sdxlDefaults(), STEPS, 1.0);
    if (schedule.unetCalls() != STEPS) {
      throw new IllegalStateException("expected " + STEPS + " UNet calls, planned "
          + schedule.unetCalls());
    }
    conditioning = Conditioning.of(PromptEmbedding.zeros(), PromptEmbedding.zeros(), true, BATCH,
        SIDE * SdxlContracts.VAE_SCALE, SIDE * SdxlContracts.VAE_SCALE);
    int n = SdxlContracts.LATENT_CHANNELS * SIDE * SIDE;
    float[] start = SdxlStagesBench.normals(n, 1, schedule.initNoiseSigma());
    float[] latentMask = new float[SIDE * SIDE];
    // The repainted region: the left half of the latent grid.
    for (int i = 0; i < latentMask.length; i++) {
      latentMask[i] = i % SIDE < SIDE / 2 ? 1f : 0f;
    }
    float[] maskedLatents = SdxlStagesBench.normals(n, 2, 1f);
    state = new DenoiseLoop.State(start, latentMask, maskedLatents, BATCH, SIDE, SIDE);

    latents = new FloatPointer(start);
    mask = new FloatPointer(latentMask);
    masked = new FloatPointer(maskedLatents);
    input = new FloatPointer(2L * BATCH * SdxlContracts.UNET_IN_CHANNELS * SIDE * SIDE);
    modelOut = new FloatPointer(SdxlStagesBench.normals(2 * n, 3, 1f));
    history = new FloatPointer((long) n);
  }

  @TearDown(Level.Trial)
  public void close() throws IOException {
    for (FloatPointer p : new FloatPointer[] {latents, mask, masked, input, modelOut, history}) {
      p.close();
    }
    real.close();
    try (var files = Files.walk(bundles)) {
      for (Path p : files.sorted((a, b) -> b.compareTo(a)).toList()) {
        Files.delete(p);
      }
    }
  }

  /** One step of the loop as the pipeline runs it. The latents carry on from op to op. */
  @Benchmark
  @OperationsPerInvocation(STEPS)
  public float[] step() {
    loop.run(state, schedule, conditioning, GUIDANCE, true, SEED, ProgressListener.NONE,
        () -> false);
    return state.latents();
  }

  /** One step with a latent preview for the listener. */
  @Benchmark
  @OperationsPerInvocation(STEPS)
  public StepProgress stepWithPreview() {
    loop.run(state, schedule, conditioning, GUIDANCE, true, SEED, previews, () -> false);
    return previews.last();
  }

  /** The two kernels of a step alone: UNet input, then CFG + sampler update. */
  @Benchmark
  @OperationsPerInvocation(STEPS)
  public FloatPointer kernelsOnly() {
    long n = (long) SdxlContracts.LATENT_CHANNELS * SIDE * SIDE;
    for (int k = 0; k < STEPS; k++) {
      StepPlan step = schedule.step(k);
      kernels.unetInput(latents, mask, masked, BATCH, BATCH, SIDE, SIDE, step.modelInputScale(),
          true, input);
      kernels.samplerStep(modelOut, latents, schedule.needsHistory() ? history : null, BATCH, n,
          true, GUIDANCE, step.coefficients().toArray(), SEED, NoiseStreams.ANCESTRAL + k);
    }
    return latents;
  }
}
