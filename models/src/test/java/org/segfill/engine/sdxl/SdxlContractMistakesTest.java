package org.segfill.engine.sdxl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.segfill.engine.image.RgbImage;
import org.segfill.engine.mask.Mask;
import org.segfill.models.sdxl.CheckFailure;
import org.segfill.models.sdxl.GraphRecording;
import org.segfill.models.sdxl.InpaintChecks;
import org.segfill.models.sdxl.InpaintScenario;
import org.segfill.models.sdxl.InstrumentedSdxlBundle;

/**
 * Mutation tests: each of model contract D5-D10's mistakes is injected, one at a time, through
 * the pipeline's package-private {@link SdxlSteps} seam, and the checks of {@link InpaintChecks}
 * (the picture end to end, and the exact tensors that reach each graph against the test's own
 * reference) must then fail; with the contract's steps they must all pass. (This class sits in
 * the engine's package, in the models test tree, to reach the seam.)
 */
class SdxlContractMistakesTest {

  /** The mistakes, each as a change to the contract's steps. */
  enum Mistake {
    LAST_HIDDEN_STATE_CLIP_L(s -> edit(s).embedding(new MistakablePromptEncoder(
        "last_hidden_state", MistakablePromptEncoder.BIG_G_PENULTIMATE, false, false))),
    LAST_HIDDEN_STATE_BIG_G(s -> edit(s).embedding(new MistakablePromptEncoder(
        MistakablePromptEncoder.CLIP_L_PENULTIMATE, "last_hidden_state", false, false))),
    POOLED_FROM_CLIP_L(s -> edit(s).embedding(new MistakablePromptEncoder(
        MistakablePromptEncoder.CLIP_L_PENULTIMATE, MistakablePromptEncoder.BIG_G_PENULTIMATE,
        true, false))),
    BIG_G_FIRST(s -> edit(s).embedding(new MistakablePromptEncoder(
        MistakablePromptEncoder.CLIP_L_PENULTIMATE, MistakablePromptEncoder.BIG_G_PENULTIMATE,
        false, true))),
    ONE_PAD_ID(s -> edit(s).tokenization(SdxlMistakes.onePadId(s.tokenization()))),
    ENCODED_EMPTY_NEGATIVE(s -> edit(s).negatives((negative, forceZeros) -> false)),
    UNCOND_SECOND(s -> edit(s).conditioning((positive, negative, cfg, batch, w, h) -> cfg
        ? Conditioning.of(negative, positive, true, batch, w, h)
        : Conditioning.of(positive, negative, false, batch, w, h))),
    TIME_IDS_WIDTH_FIRST(s -> edit(s).conditioning((positive, negative, cfg, batch, w, h) ->
        Conditioning.of(positive, negative, cfg, batch, h, w))),
    INIT_NOISE_SIGMA_BELOW_STRENGTH_ONE(s -> edit(s).start(SdxlMistakes::alwaysFromNoise)),
    SCALE_ALL_NINE_CHANNELS(s -> edit(s).unetInput(SdxlMistakes.scaleAllChannels(
        s.unetInput()))),
    AVERAGED_LATENT_MASK(s -> edit(s).latentMask(SdxlMistakes::averagedMask)),
    MASKED_IMAGE_AT_MINUS_ONE(s -> edit(s).maskedFill(() -> -1f)),
    REBLEND_EACH_STEP(s -> new StepsEditor(SdxlMistakes.reblendEachStep(s))),
    // 0.18215 is SD 1.5's VAE scaling factor.
    SD15_SCALING_FACTOR(s -> edit(s).vaeScale(bundle -> 0.18215));

    private final Function<SdxlSteps, StepsEditor> inject;

    Mistake(Function<SdxlSteps, StepsEditor> inject) {
      this.inject = inject;
    }

    /** Fresh steps with this mistake (one keeps state for the generation it runs in). */
    SdxlSteps steps() {
      return inject.apply(SdxlSteps.standard()).build();
    }

    private static StepsEditor edit(SdxlSteps s) {
      return new StepsEditor(s);
    }
  }

  private static InstrumentedSdxlBundle bundle;
  private static Scenario background;
  private static Scenario subject;

  @BeforeAll
  static void open() {
    bundle = new InstrumentedSdxlBundle();
    background = new Scenario(InpaintScenario.background());
    subject = new Scenario(InpaintScenario.subject());
  }

  @AfterAll
  static void close() {
    bundle.close();
  }

  @Test
  void theContractsStepsPassEveryCheck() {
    assertEquals(List.of(), background.failures(SdxlSteps.standard()));
    assertEquals(List.of(), subject.failures(SdxlSteps.standard()));
  }

  @Test
  void theTestsOwnPromptEncoderPassesEveryCheckWithTheContractsOutputs() {
    SdxlSteps steps = new StepsEditor(SdxlSteps.standard())
        .embedding(MistakablePromptEncoder.CONTRACT).build();
    assertEquals(List.of(), background.failures(steps));
  }

  // No seam step reaches the paste-back, so prove here that its check can fail.
  @Test
  void oneChangedKeptPixelFailsTheKeptPixelsCheckOnly() {
    Generated g = background.generate(SdxlSteps.standard());
    RgbImage out = g.image();
    int centre = (int) background.spec().scene().ey() * out.width()
        + (int) background.spec().scene().ex();
    byte[] rgb = out.rgb().clone();
    rgb[3 * centre] ^= 1;
    List<CheckFailure> failures = background.checks().failures(g.recording(),
        new RgbImage(out.width(), out.height(), rgb));
    assertEquals(List.of("kept-pixels"), failures.stream().map(CheckFailure::check).toList());
  }

  @ParameterizedTest
  @EnumSource(Mistake.class)
  void eachMistakeFailsSomeCheck(Mistake mistake) {
    List<CheckFailure> failures = background.failures(mistake.steps());
    assertFalse(failures.isEmpty(), mistake + " went unnoticed");
    System.out.println(summary(mistake, failures));
  }

  // The checks' other branches (an encoded negative, a start from pure noise, a repainted
  // subject) must fail too.
  @ParameterizedTest
  @EnumSource(value = Mistake.class, names = {"UNCOND_SECOND", "ONE_PAD_ID",
      "AVERAGED_LATENT_MASK", "MASKED_IMAGE_AT_MINUS_ONE", "REBLEND_EACH_STEP",
      "SD15_SCALING_FACTOR"})
  void mistakesAlsoFailWhenASubjectIsRepaintedFromNoiseWithANegativePrompt(Mistake mistake) {
    List<CheckFailure> failures = subject.failures(mistake.steps());
    assertFalse(failures.isEmpty(), mistake + " went unnoticed on the subject scenario");
    System.out.println("subject scenario: " + summary(mistake, failures));
  }

  private static String summary(Mistake mistake, List<CheckFailure> failures) {
    Set<String> caughtBy = new LinkedHashSet<>();
    failures.forEach(f -> caughtBy.add(f.check()));
    return mistake + " is caught by " + caughtBy + ", e.g. " + failures.get(0);
  }

  /** A scenario with its reference, worked out once. */
  private record Scenario(InpaintScenario spec, InpaintChecks checks) {

    Scenario(InpaintScenario spec) {
      this(spec, new InpaintChecks(spec, bundle));
    }

    /** Generates the scenario with {@code steps}; returns what fails. */
    List<CheckFailure> failures(SdxlSteps steps) {
      Generated g = generate(steps);
      return checks.failures(g.recording(), g.image());
    }

    /** Generates the scenario with {@code steps} on recorded graphs. */
    Generated generate(SdxlSteps steps) {
      GraphRecording recording = bundle.record();
      try (SdxlInpaintPipeline pipeline = new SdxlInpaintPipeline(
              recording.graphs(bundle.bundleId()), bundle.settings(), "onnxruntime-cpu", steps);
          Mask selection = Mask.of(spec.scene().width(), spec.scene().height(),
              spec.selection())) {
        Generation g = pipeline.generate(spec.image(), selection, spec.request(),
            ProgressListener.NONE, () -> false);
        return new Generated(recording, g.variants().get(0).image());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private record Generated(GraphRecording recording, RgbImage image) {}
}
