package org.segfill.engine.sdxl;

import java.io.IOException;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.segfill.bench.BenchBackends;
import org.segfill.bench.BenchBundles;
import org.segfill.engine.backend.CastingSession;
import org.segfill.engine.backend.DeviceSession;
import org.segfill.engine.backend.SessionFactory;
import org.segfill.engine.backend.Tensor;
import org.segfill.engine.image.RgbImage;
import org.segfill.engine.mask.Mask;
import org.segfill.engine.sdxl.scheduler.Sampler;
import org.segfill.engine.sdxl.scheduler.Schedule;
import org.segfill.engine.sdxl.scheduler.SchedulerConfig;
import org.segfill.engine.sdxl.tokenizer.SdxlTokenizers;
import org.segfill.models.bundle.SdxlBundle;
import org.segfill.models.testbundle.TestBundles;
import org.segfill.models.testbundle.TwoShapesScene;
import org.segfill.place.KernelPlace;

/**
 * SDXL inpainting's stages as the pipeline runs them, per backend, at the 1024x1024 bucket
 * (latents 1x4x128x128): {@code textEncode} (both CLIP encoders on one prompt's ids),
 * {@code unetStep} (one denoising step with CFG: UNet input, the UNet, CFG and the sampler
 * update), {@code vaeEncode} and {@code vaeDecode}, and {@code inpaint}, a whole generation of a
 * 1024x1024 photo ({@code steps} denoising steps, one variant) with paste-back, its pre- and
 * post-processing on the backend's own kernel place as in the server, and
 * {@code inpaintWithPreviews}, the same with a preview computed at every step as the editor page
 * asks. SampleTime mode, so the report gets p50/p90/p99. {@code sdxl} is a bundle directory, or
 * {@value BenchBundles#TINY} for the tiny stand-in bundle, whose graphs are small convolutions:
 * on it the rows show segfill's own work around the graphs rather than SDXL's cost.
 *
 * <p>Lives in the engine's package to drive the package-private stage classes directly.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class SdxlStagesBench {
  private static final int SIDE = 1024;
  private static final int LATENT = SIDE / SdxlContracts.VAE_SCALE;
  private static final long SEED = 42;
  private static final String PROMPT = "a quiet beach at sunset, soft light";

  @Param({"ort-cpu"})
  public String backend;

  @Param({BenchBundles.TINY})
  public String sdxl;

  /** Denoising steps of the end-to-end {@code inpaint} row. */
  @Param({"30"})
  public int steps;

  private BenchBundles bundle;
  private SdxlGraphs graphs;
  private SdxlInpaintPipeline pipeline;
  private PromptEncoder prompts;
  private long[][] ids;
  private VaeCodec vae;
  private DenoiseLoop loop;
  private Schedule oneStep;
  private Conditioning conditioning;
  private float[] startLatents;
  private float[] latentMask;
  private float[] maskedLatents;
  private Tensor pixels;
  private RgbImage photo;
  private Mask subject;
  private InpaintRequest request;

  @Setup(Level.Trial)
  public void load() throws IOException {
    bundle = BenchBundles.of(sdxl, TestBundles::writeSdxl);
    SdxlBundle located = SdxlBundle.locate(bundle.dir());
    SdxlSettings settings = located.settings();
    SessionFactory factory = BenchBackends.open(backend, bundle.dir());
    graphs = located.open(factory);
    // The pipeline owns the graphs and the place; the stage rows share its sessions (they are
    // thread-safe), so a real bundle is loaded once. The backend's own place, as the server
    // gives it (SdxlBundle.pipeline), so a TensorRT inpaint prepares and pastes on the GPU.
    KernelPlace place = factory.openKernelPlace();
    try {
      pipeline = new SdxlInpaintPipeline(graphs, settings, backend, place);
    } catch (IOException | RuntimeException e) {
      place.close();
      graphs.close();
      throw e;
    }
    SdxlSteps standard = SdxlSteps.standard();
    prompts = new PromptEncoder(CastingSession.wrap(graphs.textEncoder()),
        CastingSession.wrap(graphs.textEncoder2()));
    ids = standard.tokenization().ids(SdxlTokenizers.load(settings.tokenizer().getParent()),
        PROMPT);
    vae = new VaeCodec(CastingSession.wrap(graphs.vaeEncoder()),
        CastingSession.wrap(graphs.vaeDecoder()), settings.vaeScalingFactor());
    loop = new DenoiseLoop(CastingSession.wrap(graphs.unet()), standard);
    oneStep = Sampler.EULER.plan(SchedulerConfig.read(settings.schedulerConfig()), 1, 1.0);
    conditioning = Conditioning.of(PromptEmbedding.zeros(), PromptEmbedding.zeros(), true, 1,
        SIDE, SIDE);

    int n = SdxlContracts.LATENT_CHANNELS * LATENT * LATENT;
    startLatents = normals(n, 1, 1f);
    maskedLatents = normals(n, 2, 1f);
    latentMask = new float[LATENT * LATENT];
    for (int i = 0; i < latentMask.length; i++) {
      latentMask[i] = i % LATENT < LATENT / 2 ? 1f : 0f;
    }
    float[] image = normals(3 * SIDE * SIDE, 3, 0.5f);
    pixels = Tensor.ofFloats(new long[] {1, 3, SIDE, SIDE}, image);

    TwoShapesScene scene = TwoShapesScene.landscape().scaledTo(SIDE, SIDE);
    photo = scene.image();
    subject = Mask.of(SIDE, SIDE, scene.ellipseMask());
    InpaintRequest defaults = InpaintRequest.defaults(PROMPT, SEED);
    request = new InpaintRequest(defaults.target(), PROMPT, null, defaults.guidanceScale(),
        steps, defaults.strength(), SEED, 1, defaults.sampler(), Region.FULL, defaults.shape(),
        defaults.colorMatch());
  }

  @TearDown(Level.Trial)
  public void close() {
    subject.close();
    pipeline.close();
    bundle.close();
  }

  /** Both text encoders on one prompt (the pipeline encodes the prompt and the negative). */
  @Benchmark
  public PromptEmbedding textEncode() {
    return prompts.encode(ids[0], ids[1]);
  }

  /** One denoising step with CFG (batch 2 through the UNet), from the same start each time. */
  @Benchmark
  public float[] unetStep() {
    float[] latents = startLatents.clone();
    loop.run(new DenoiseLoop.State(latents, latentMask, maskedLatents, 1, LATENT, LATENT),
        oneStep, conditioning, (float) InpaintRequest.DEFAULT_GUIDANCE, true, SEED,
        ProgressListener.NONE, () -> false);
    return latents;
  }

  /** The VAE encoder on a 1x3x1024x1024 image, and sampling its latent distribution. */
  @Benchmark
  public float[] vaeEncode() {
    return vae.encode(pixels, 1, SEED, NoiseStreams.IMAGE_LATENTS);
  }

  /** The VAE decoder on 1x4x128x128 latents. */
  @Benchmark
  public Tensor vaeDecode() {
    return vae.decode(startLatents, 1, LATENT, LATENT);
  }

  /** A whole generation: {@code steps} steps, one variant, paste-back included. */
  @Benchmark
  public Generation inpaint() {
    return pipeline.generate(photo, subject, request, ProgressListener.NONE, () -> false);
  }

  /** The same generation with a preview of every step computed for the listener. */
  @Benchmark
  public Generation inpaintWithPreviews() {
    return pipeline.generate(photo, subject, request, new KeepLastPreview(), () -> false);
  }

  /**
   * The pipeline's UNet alone at the {@code inpaint} row's shapes (1024x1024, one variant, CFG),
   * for a backend whose UNet keeps its tensors on the device (tensorrt). Close it before the
   * next generation: it holds the bundle's run lock.
   *
   * @throws IllegalStateException on a backend without device sessions
   */
  public UnetAlone unetAlone() {
    if (!(graphs.unet() instanceof DeviceSession device)) {
      throw new IllegalStateException("unetAlone: the " + backend + " UNet has no device"
          + " session; timing the UNet alone needs tensorrt");
    }
    float[] sample = normals(2 * SdxlContracts.UNET_IN_CHANNELS * LATENT * LATENT, 4, 1f);
    return UnetAlone.prepare(device, conditioning, 1, LATENT, LATENT, sample);
  }

  /** n seeded standard normals times {@code scale}: bench inputs, shared with SdxlStepBench. */
  static float[] normals(int n, long seed, float scale) {
    Random random = new Random(seed);
    float[] values = new float[n];
    for (int i = 0; i < n; i++) {
      values[i] = scale * (float) random.nextGaussian();
    }
    return values;
  }
}
