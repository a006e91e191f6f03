package org.segfill.engine.sdxl;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.segfill.engine.backend.CastingSession;
import org.segfill.engine.backend.Session;
import org.segfill.engine.backend.Tensor;
import org.segfill.engine.image.RgbImage;
import org.segfill.engine.inpaint.PixelRect;
import org.segfill.engine.inpaint.RepaintMask;
import org.segfill.engine.mask.Mask;
import org.segfill.engine.sdxl.scheduler.Schedule;
import org.segfill.engine.sdxl.scheduler.SchedulerConfig;
import org.segfill.engine.sdxl.tokenizer.SdxlTokenizers;
import org.segfill.place.KernelPlace;

/**
 * SDXL Inpainting 0.1 on exported graphs, following model contract part B and part 0: validate,
 * build the repaint mask, plan the region, prepare image and mask tensors, encode the prompts,
 * sample the VAE and the starting noise (Philox), run the denoising loop in our kernels, decode,
 * resize back, match colours and paste back at full resolution, where pixels with alpha 0 keep
 * their original bytes exactly. The repaint mask, the image and mask tensors and the paste-back
 * run on the pipeline's {@link KernelPlace} (the CPU twin, or the GPU for TensorRT).
 *
 * <pre>{@code
 * try (SdxlInpaintPipeline sdxl = new SdxlInpaintPipeline(graphs, settings, "onnxruntime-cpu")) {
 *   Generation g = sdxl.generate(photo, subjectMask,
 *       InpaintRequest.defaults("a beach at sunset", 42), ProgressListener.NONE, () -> false);
 * }
 * }</pre>
 *
 * <p>Variants run as one batch; variant k's noise is keyed by seed + k, so it does not depend on
 * the batch. The same request on the same backend gives the same bytes. Thread-safe: concurrent
 * generations share the (thread-safe) sessions and take turns on the place.
 */
public final class SdxlInpaintPipeline implements AutoCloseable {

  private final SdxlGraphs graphs;
  private final String backend;
  private final SdxlSettings settings;
  private final SchedulerConfig schedulerConfig;
  private final SdxlTokenizers tokenizers;
  private final SdxlSteps steps;
  private final Session textEncoder;
  private final Session textEncoder2;
  private final VaeCodec vae;
  private final DenoiseLoop loop;
  private final SupportedBuckets buckets;
  private final KernelPlace place;
  // A place serves one thread at a time (a CudaPlace has one stream), so each chain of kernels
  // holds this lock; the simplest correct option, and a cheap one: the chains take milliseconds
  // next to the denoising loop, and on the CPU twin each already uses every core.
  private final ReentrantLock placeLock = new ReentrantLock();

  /**
   * A pipeline over {@code graphs} (owned and closed with it), configured by the bundle's
   * {@code settings}; {@code backend} names the backend in recipes.
   *
   * @throws IOException if the scheduler config or the tokenizer files cannot be read
   */
  public SdxlInpaintPipeline(SdxlGraphs graphs, SdxlSettings settings, String backend)
      throws IOException {
    this(graphs, settings, backend, KernelPlace.cpu());
  }

  /**
   * A pipeline over {@code graphs} whose pre- and post-processing runs on {@code place}; it owns
   * both and closes them with it (see {@code SessionFactory.openKernelPlace()}). If this throws,
   * both stay the caller's to close.
   *
   * @throws IOException if the scheduler config or the tokenizer files cannot be read
   * @throws IllegalArgumentException if the graphs' input ranges admit no SDXL bucket
   */
  public SdxlInpaintPipeline(SdxlGraphs graphs, SdxlSettings settings, String backend,
      KernelPlace place) throws IOException {
    this(graphs, settings, backend, SdxlSteps.standard(), place);
  }

  // The seam tests use to inject one of contract D5-D10's mistakes.
  SdxlInpaintPipeline(SdxlGraphs graphs, SdxlSettings settings, String backend,
      SdxlSteps steps) throws IOException {
    this(graphs, settings, backend, steps, KernelPlace.cpu());
  }

  private SdxlInpaintPipeline(SdxlGraphs graphs, SdxlSettings settings, String backend,
      SdxlSteps steps, KernelPlace place) throws IOException {
    this.place = Objects.requireNonNull(place, "place");
    this.graphs = Objects.requireNonNull(graphs, "graphs");
    this.steps = Objects.requireNonNull(steps, "steps");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.backend = Objects.requireNonNull(backend, "backend");
    this.schedulerConfig = SchedulerConfig.read(settings.schedulerConfig());
    this.tokenizers = SdxlTokenizers.load(settings.tokenizer().getParent());
    this.textEncoder = CastingSession.wrap(graphs.textEncoder());
    this.textEncoder2 = CastingSession.wrap(graphs.textEncoder2());
    this.vae = new VaeCodec(CastingSession.wrap(graphs.vaeEncoder()),
        CastingSession.wrap(graphs.vaeDecoder()), steps.vaeScale().of(settings.vaeScalingFactor()));
    this.loop = new DenoiseLoop(CastingSession.wrap(graphs.unet()), steps);
    this.buckets = SupportedBuckets.of(graphs.unet(), graphs.vaeEncoder(), graphs.vaeDecoder());
  }

  public String bundleId() {
    return graphs.bundleId();
  }

  public String backend() {
    return backend;
  }

  /**
   * Generates {@code request.count()} variants of {@code image} with the {@code selection}
   * (255 = the clicked subject) handled as {@code request.target()} says.
   *
   * @throws IllegalArgumentException for a selection of another size or nothing to repaint
   * @throws CancellationException if {@code cancelled} turns true (checked between steps, and
   *     while waiting for a device UNet another generation holds)
   */
  public Generation generate(RgbImage image, Mask selection, InpaintRequest request,
      ProgressListener progress, BooleanSupplier cancelled) {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(selection, "selection");
    Objects.requireNonNull(request, "request");
    if (selection.width() != image.width() || selection.height() != image.height()) {
      throw new IllegalArgumentException("mask: it is " + selection.width() + "x"
          + selection.height() + " but the image is " + image.width() + "x" + image.height()
          + "; the mask must have the image's size");
    }
    long t0 = System.nanoTime();
    RepaintMask repaint = onPlace(p ->
        RepaintMask.build(p, selection, request.target(), request.shape()));
    if (repaint.isEmpty()) {
      throw new IllegalArgumentException("mask: nothing to repaint for target "
          + request.target().id());
    }
    PixelRect bounds = repaint.bounds();
    RegionPlan plan = RegionPlan.plan(request.region(), image.width(), image.height(),
        bounds.x(), bounds.y(), bounds.right(), bounds.bottom(), buckets.sizes());
    PixelRect window = new PixelRect(plan.x(), plan.y(), plan.width(), plan.height());
    InpaintInputs inputs = onPlace(p ->
        InpaintInputs.of(p, image, repaint, window, plan.bucket(), steps));
    Schedule schedule = request.sampler().plan(schedulerConfig, request.steps(),
        request.strength());
    int batch = request.count();
    int lh = plan.bucket().latentHeight();
    int lw = plan.bucket().latentWidth();
    int n = SdxlContracts.LATENT_CHANNELS * lh * lw;

    long t1 = System.nanoTime();
    PromptEmbedding positive = encode(request.prompt());
    // Without CFG the negative branch is never fed to the UNet, so it is not encoded at all.
    PromptEmbedding negative = !request.cfg() || steps.negatives().zeros(
        request.negativePrompt(), settings.forceZerosForEmptyPrompt())
        ? PromptEmbedding.zeros()
        : encode(request.negativePrompt() == null ? "" : request.negativePrompt());
    Conditioning conditioning = steps.conditioning().build(positive, negative, request.cfg(),
        batch, inputs.width(), inputs.height());

    long t2 = System.nanoTime();
    long seed = request.seed();
    float[] maskedLatents = vae.encode(inputs.maskedImage(), batch, seed,
        NoiseStreams.MASKED_IMAGE_LATENTS);
    float[] noise = vae.normals(batch, n, seed, NoiseStreams.INITIAL);
    float[] latents = steps.start().latents(schedule, noise,
        () -> vae.encode(inputs.image(), batch, seed, NoiseStreams.IMAGE_LATENTS));
    float[] masks = new float[batch * lh * lw];
    for (int v = 0; v < batch; v++) {
      System.arraycopy(inputs.latentMask(), 0, masks, v * lh * lw, lh * lw);
    }

    long t3 = System.nanoTime();
    loop.run(new DenoiseLoop.State(latents, masks, maskedLatents, batch, lh, lw), schedule,
        conditioning, (float) request.guidanceScale(), request.cfg(), seed, progress,
        cancelled);

    long t4 = System.nanoTime();
    FiniteCheck.require(latents, "the denoising loop's latents (the UNet overflowed; with an"
        + " fp16 UNet on this backend, try ort-cpu or an fp32 export to confirm)");
    Tensor decoded = vae.decode(latents, batch, lh, lw);
    long t5 = System.nanoTime();

    float[] pixels = decoded.toFloatArray();
    FiniteCheck.require(pixels, "the VAE decoder's image (an fp16 VAE overflowed, model"
        + " contract B9: use the fp32 VAE export or the fp16-fix VAE, models/README.md)");
    List<RgbImage> composites = onPlace(p -> new VariantComposer(p, image, repaint, window,
        request.colorMatch()).compose(pixels, batch, inputs.width(), inputs.height()));
    List<Variant> variants = new ArrayList<>();
    for (int v = 0; v < batch; v++) {
      variants.add(new Variant(composites.get(v), recipe(request, seed + v, plan, schedule)));
    }
    long t6 = System.nanoTime();
    List<String> warnings = new ArrayList<>(truncationWarnings(request));
    warnings.addAll(sizeWarnings(request.region(), image, bounds, plan));
    return new Generation(variants, new StageTimings(t1 - t0, t2 - t1, t3 - t2, t4 - t3,
        t5 - t4, t6 - t5), warnings);
  }

  // Plans built for fewer sizes (build-engines --static) may make the bucket differ from the one
  // the aspect asks for; product.md wants no silent fallback to 1024x1024, so the result says so.
  private List<String> sizeWarnings(Region region, RgbImage image, PixelRect bounds,
      RegionPlan plan) {
    if (!buckets.restricted()) {
      return List.of();
    }
    RegionPlan ideal = RegionPlan.plan(region, image.width(), image.height(), bounds.x(),
        bounds.y(), bounds.right(), bounds.bottom());
    if (ideal.bucket().equals(plan.bucket())) {
      return List.of();
    }
    return List.of("size: generated at " + plan.bucket() + ", not " + ideal.bucket()
        + " (the bucket nearest the " + ideal.width() + "x" + ideal.height() + " window's"
        + " aspect): the graphs run " + buckets.sizes().size() + " of the "
        + SdxlBuckets.all().size() + " SDXL sizes (" + String.join("; ", buckets.limits())
        + "), as TensorRT plans built with build-engines --static do; rebuild them without"
        + " --static to generate at every size");
  }

  // CLIP reads 75 tokens of a prompt; diffusers truncates the rest, and so do we, but we say so.
  private List<String> truncationWarnings(InpaintRequest request) {
    List<String> warnings = new ArrayList<>();
    Map<String, String> texts = new LinkedHashMap<>();
    texts.put("prompt", request.prompt());
    texts.put("negativePrompt", request.negativePrompt());
    for (Map.Entry<String, String> e : texts.entrySet()) {
      if (e.getValue() == null) {
        continue;
      }
      var tokens = tokenizers.tokenizer().encode(e.getValue());
      var tokens2 = tokenizers.tokenizer2().encode(e.getValue());
      if (tokens.truncated() || tokens2.truncated()) {
        warnings.add(e.getKey() + ": longer than the " + (SdxlContracts.TOKENS - 2)
            + " tokens the text encoders read; the rest was ignored");
      }
    }
    return warnings;
  }

  private PromptEmbedding encode(String text) {
    long[][] ids = steps.tokenization().ids(tokenizers, text);
    return steps.embedding().embed(textEncoder, textEncoder2, ids[0], ids[1]);
  }

  // Runs one chain of kernels on the place, alone (see placeLock).
  private <T> T onPlace(Function<KernelPlace, T> chain) {
    placeLock.lock();
    try {
      return chain.apply(place);
    } finally {
      placeLock.unlock();
    }
  }

  private Recipe recipe(InpaintRequest r, long seed, RegionPlan plan, Schedule schedule) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("engine", "sdxl");
    f.put("bundle", graphs.bundleId());
    f.put("backend", backend);
    f.put("target", r.target().id());
    f.put("prompt", r.prompt());
    f.put("negativePrompt", r.negativePrompt());
    f.put("guidanceScale", r.guidanceScale());
    f.put("steps", r.steps());
    f.put("strength", r.strength());
    f.put("seed", seed);
    f.put("sampler", r.sampler().id());
    f.put("region", r.region().id());
    f.put("window", List.of(plan.x(), plan.y(), plan.width(), plan.height()));
    f.put("size", List.of(plan.bucket().width(), plan.bucket().height()));
    f.put("unetCalls", schedule.unetCalls());
    f.put("maskGrow", r.shape().maskGrow());
    f.put("maskFeather", r.shape().maskFeather());
    f.put("colorMatch", r.colorMatch());
    return new Recipe(f);
  }

  @Override
  public void close() {
    try {
      graphs.close();
    } finally {
      // Under the lock: a chain still running keeps the place (and its stream) until it ends.
      onPlace(p -> {
        p.close();
        return null;
      });
    }
  }
}
