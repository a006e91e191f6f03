package org.segfill.engine.sdxl;

import java.util.Objects;
import java.util.function.Supplier;
import org.segfill.engine.backend.Session;
import org.segfill.engine.sdxl.scheduler.Schedule;
import org.segfill.engine.sdxl.scheduler.StepPlan;
import org.segfill.engine.sdxl.tokenizer.SdxlTokenizers;
import org.segfill.kernels.MaskKernels;
import org.segfill.place.KernelPlace;
import org.segfill.place.PlaceBuffer;

/**
 * The steps of an SDXL generation that model contract D5-D10 names as the likeliest mistakes,
 * one replaceable function each. The pipeline always runs {@link #standard()}; the
 * package-private seam exists so tests can swap one step for a known mistake and prove the tests
 * catch it.
 */
record SdxlSteps(
    Tokenization tokenization,
    Embedding embedding,
    NegativePolicy negatives,
    ConditioningLayout conditioning,
    LatentStart start,
    UnetInput unetInput,
    LatentMask latentMask,
    MaskedFill maskedFill,
    StepHook afterStep,
    VaeScale vaeScale) {

  SdxlSteps {
    Objects.requireNonNull(tokenization, "tokenization");
    Objects.requireNonNull(embedding, "embedding");
    Objects.requireNonNull(negatives, "negatives");
    Objects.requireNonNull(conditioning, "conditioning");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(unetInput, "unetInput");
    Objects.requireNonNull(latentMask, "latentMask");
    Objects.requireNonNull(maskedFill, "maskedFill");
    Objects.requireNonNull(afterStep, "afterStep");
    Objects.requireNonNull(vaeScale, "vaeScale");
  }

  /** Text to each tokenizer's 77 ids (contract B2): {ids, ids2}. */
  interface Tokenization {
    long[][] ids(SdxlTokenizers tokenizers, String text);
  }

  /** Token ids to the UNet's prompt embedding (contract B3). */
  interface Embedding {
    PromptEmbedding embed(Session textEncoder, Session textEncoder2, long[] ids, long[] ids2);
  }

  /** Whether the negative branch is zeros rather than an encoded text (contract B3). */
  interface NegativePolicy {
    boolean zeros(String negativePrompt, boolean forceZerosForEmptyPrompt);
  }

  /** The CFG batch layout and time ids (contract B3, B4). */
  interface ConditioningLayout {
    Conditioning build(PromptEmbedding positive, PromptEmbedding negative, boolean cfg,
        int batch, int width, int height);
  }

  /** The starting latents (contract B5); {@code imageLatents} is sampled only when needed. */
  interface LatentStart {
    float[] latents(Schedule schedule, float[] noise, Supplier<float[]> imageLatents);
  }

  /**
   * Queues the UNet's 9-channel input and timestep for the step the run's step index points at
   * (contract B7 steps 1-3). {@code step} is that step's plan, for functions that work on the
   * host; the contract's reads everything from the run's memory, so that a CUDA graph captured
   * once replays it for every step (a host function only runs on an uncaptured run, the CPU's).
   */
  interface UnetInput {
    void queue(StepBuffers run, StepPlan step);
  }

  /**
   * The bucket-size 0/255 mask, held in {@code place}'s memory, to the latent grid, floats 0..1
   * (contract B6).
   */
  interface LatentMask {
    float[] downsample(KernelPlace place, PlaceBuffer mask, int width, int height,
        int latentWidth, int latentHeight);
  }

  /** The value masked pixels take in the masked image, in [-1, 1] space (contract B6). */
  interface MaskedFill {
    float value();
  }

  /**
   * Queued after each sampler update, before the step index advances; the 9-channel UNet needs
   * nothing here (contract B7.8). {@code step} as for {@link UnetInput}.
   */
  interface StepHook {
    void queue(StepBuffers run, StepPlan step);
  }

  /** The VAE scaling factor to use, given the bundle's (contract B1, B9). */
  interface VaeScale {
    double of(double bundleScalingFactor);
  }

  /**
   * The contract's steps: the UNet input by the planned step kernel on the run's place, the
   * latent mask on the place the pipeline hands it.
   */
  static SdxlSteps standard() {
    return new SdxlSteps(
        (tokenizers, text) -> new long[][] {
          tokenizers.tokenizer().encode(text).ids(), tokenizers.tokenizer2().encode(text).ids()
        },
        (te, te2, ids, ids2) -> new PromptEncoder(te, te2).encode(ids, ids2),
        (negative, forceZeros) -> negative == null && forceZeros,
        Conditioning::of,
        (schedule, noise, imageLatents) -> {
          float[] latents = new float[noise.length];
          if (schedule.startsFromNoise()) {
            for (int i = 0; i < latents.length; i++) {
              latents[i] = noise[i] * schedule.initNoiseSigma();
            }
          } else {
            float[] image = imageLatents.get();
            float a = schedule.addNoise().a();
            float b = schedule.addNoise().b();
            for (int i = 0; i < latents.length; i++) {
              latents[i] = a * image[i] + b * noise[i];
            }
          }
          return latents;
        },
        (run, step) -> run.kernels().unetInput(run.latents(), run.mask(), run.masked(),
            run.batch(), run.batch(), run.h(), run.w(), run.cfg(), run.values(), run.total(),
            run.stepIndex(), run.unet().input("sample"), run.unet().input("timestep")),
        (place, mask, width, height, lw, lh) -> {
          float[] out = new float[lw * lh];
          try (PlaceBuffer latent = place.allocate((long) out.length * Float.BYTES)) {
            new MaskKernels(place.target()).downsampleNearest(mask.bytes(), width, height,
                latent.floats(), lw, lh);
            place.download(latent, out);
          }
          return out;
        },
        () -> 0f,
        (run, step) -> { },
        bundle -> bundle);
  }
}
