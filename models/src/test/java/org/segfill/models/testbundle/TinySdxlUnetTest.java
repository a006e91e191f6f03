package org.segfill.models.testbundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.segfill.engine.backend.Session;
import org.segfill.engine.backend.Tensor;

/**
 * The tiny UNet under a hand-written diffusers Euler loop (contract B7, B8): leading timesteps,
 * x_in = x/√(σ²+1), [x_in, mask, masked-image latents] on the channel axis, CFG with forced-zero
 * negatives. It must land on the masked-image latents where the mask is 0 and on the guided
 * prompt colour where it is 1, and the usual mistakes must show.
 */
class TinySdxlUnetTest {

  private static final int H = 8;
  private static final int W = 12;
  private static final int CELLS = H * W;
  private static final int TOKENS = 77;
  private static final int HIDDEN = 2048;
  private static final int POOLED = 1280;
  private static final int STEPS = 20;
  private static final float GUIDANCE = 7.5f;
  /** 1216x832 landscape, as (H,W) pairs: original, crop top-left, target. */
  private static final float[] LANDSCAPE = {832, 1216, 0, 0, 832, 1216};
  private static final float[] LANDSCAPE_SWAPPED = {1216, 832, 0, 0, 1216, 832};

  private static Session unet;

  @BeforeAll
  static void open() {
    unet = SdxlBundleFixture.open("unet");
  }

  @AfterAll
  static void close() {
    unet.close();
  }

  /** Conditioning of one CFG half: encoder_hidden_states [77,2048], text_embeds, time_ids. */
  private record Conditioning(float[] hidden, float[] embeds, float[] timeIds) {

    static Conditioning zeros(float[] timeIds) {
      return new Conditioning(new float[TOKENS * HIDDEN], new float[POOLED], timeIds);
    }

    static Conditioning random(long seed, float[] timeIds) {
      Random random = new Random(seed);
      float[] hidden = new float[TOKENS * HIDDEN];
      for (int i = 0; i < hidden.length; i++) {
        hidden[i] = (float) random.nextGaussian() * 0.5f;
      }
      float[] embeds = new float[POOLED];
      for (int i = 0; i < embeds.length; i++) {
        embeds[i] = (float) random.nextGaussian();
      }
      return new Conditioning(hidden, embeds, timeIds);
    }

    /** The documented latent colour of this conditioning. */
    float[] colour() {
      float[] mean = new float[HIDDEN];
      for (int j = 0; j < TOKENS; j++) {
        for (int d = 0; d < HIDDEN; d++) {
          mean[d] += hidden[j * HIDDEN + d] / TOKENS;
        }
      }
      return TinySdxl.promptColour(mean, embeds, timeIds);
    }
  }

  @Test
  void outputIsNinetyPercentOfTheExactEpsilonAtIntegerAndFractionalTimesteps() {
    double[] sigmas = trainingSigmas();
    Random random = new Random(3);
    float[] sample = new float[9 * CELLS];
    for (int i = 0; i < sample.length; i++) {
      sample[i] = i >= 4 * CELLS && i < 5 * CELLS ? random.nextInt(2) : (float) random
          .nextGaussian();
    }
    Conditioning cond = Conditioning.random(1, LANDSCAPE);
    float[] colour = cond.colour();
    double midway = Math.exp((Math.log(sigmas[500]) + Math.log(sigmas[501])) / 2);
    for (double[] timeAndSigma : new double[][] {{958, sigmas[958]}, {1, sigmas[1]},
        {999, sigmas[999]}, {500.5, midway}}) {
      double sigma = timeAndSigma[1];
      float[] eps = run(sample, (float) timeAndSigma[0], cond);
      for (int k = 0; k < 4; k++) {
        for (int cell = 0; cell < CELLS; cell++) {
          double x = sample[k * CELLS + cell] * Math.sqrt(sigma * sigma + 1);
          double m = sample[4 * CELLS + cell];
          double target = (1 - m) * sample[(5 + k) * CELLS + cell] + m * colour[k];
          double expected = TinySdxl.DENOISE_EFFICIENCY * (x - target) / sigma;
          assertEquals(expected, eps[k * CELLS + cell], 2e-4 * Math.max(1, Math.abs(expected)),
              "t " + timeAndSigma[0] + " channel " + k + " cell " + cell);
        }
      }
    }
  }

  @Test
  void eulerLoopEndsOnMaskedLatentsAndTheGuidedPromptColour() {
    Conditioning cond = Conditioning.random(1, LANDSCAPE);
    Conditioning uncond = Conditioning.zeros(LANDSCAPE);
    float[] latents = euler(uncond, cond, Mistake.NONE);
    float[] guided = guided(uncond.colour(), cond.colour());
    float[] mask = mask();
    float[] masked = maskedImageLatents();
    // Each cell keeps a residual of its starting noise (about 0.01 for 20 steps); the mean error
    // over all cells averages it away.
    double sumError = 0;
    for (int k = 0; k < 4; k++) {
      for (int cell = 0; cell < CELLS; cell++) {
        float expected = mask[cell] == 1 ? guided[k] : masked[k * CELLS + cell];
        double error = latents[k * CELLS + cell] - expected;
        assertEquals(0, error, 0.06, "channel " + k + " cell " + cell);
        sumError += error;
      }
    }
    assertEquals(0, sumError / (4 * CELLS), 2e-3, "mean error");
    // Guidance amplifies the prompt: the guided colour is far from both halves' colours.
    assertTrue(maxDiff(guided, cond.colour()) > 0.1);
  }

  @Test
  void anotherPromptChangesOnlyTheMaskedCells() {
    Conditioning uncond = Conditioning.zeros(LANDSCAPE);
    float[] first = euler(uncond, Conditioning.random(1, LANDSCAPE), Mistake.NONE);
    float[] second = euler(uncond, Conditioning.random(2, LANDSCAPE), Mistake.NONE);
    float[] mask = mask();
    double maskedChange = 0;
    for (int k = 0; k < 4; k++) {
      for (int cell = 0; cell < CELLS; cell++) {
        double change = Math.abs(first[k * CELLS + cell] - second[k * CELLS + cell]);
        if (mask[cell] == 0) {
          assertEquals(0, change, 1e-4, "kept cell " + cell);
        } else {
          maskedChange = Math.max(maskedChange, change);
        }
      }
    }
    assertTrue(maskedChange > 0.05, "masked cells change by " + maskedChange);
  }

  @Test
  void swappingMaskAndMaskedLatentsChannelsShows() {
    Conditioning cond = Conditioning.random(1, LANDSCAPE);
    Conditioning uncond = Conditioning.zeros(LANDSCAPE);
    float[] right = euler(uncond, cond, Mistake.NONE);
    float[] swapped = euler(uncond, cond, Mistake.SWAPPED_CHANNELS);
    assertTrue(meanDiff(right, swapped) > 0.1, "mean change " + meanDiff(right, swapped));
  }

  @Test
  void everyStepPredictsTheTargetSoForgettingScaleModelInputSpoilsThePreview() {
    // The loop's last steps mostly erase this mistake from the final latents; the per-step x0
    // prediction x − σ·eps (what a preview decodes) shows it plainly.
    Conditioning cond = Conditioning.random(1, LANDSCAPE);
    Conditioning uncond = Conditioning.zeros(LANDSCAPE);
    double sigma = trainingSigmas()[951];
    Random noise = new Random(11);
    float[] target = new float[4 * CELLS];
    float[] guided = guided(uncond.colour(), cond.colour());
    float[] masked = maskedImageLatents();
    float[] mask = mask();
    float[] x = new float[4 * CELLS];
    for (int k = 0; k < 4; k++) {
      for (int cell = 0; cell < CELLS; cell++) {
        int i = k * CELLS + cell;
        target[i] = mask[cell] == 1 ? guided[k] : masked[i];
        x[i] = (float) (target[i] + sigma * noise.nextGaussian());
      }
    }
    for (boolean scaled : new boolean[] {true, false}) {
      double scale = scaled ? 1 / Math.sqrt(sigma * sigma + 1) : 1;
      float[] sample = new float[9 * CELLS];
      for (int i = 0; i < 4 * CELLS; i++) {
        sample[i] = (float) (x[i] * scale);
      }
      System.arraycopy(mask, 0, sample, 4 * CELLS, CELLS);
      System.arraycopy(masked, 0, sample, 5 * CELLS, 4 * CELLS);
      float[] eps = runGuided(sample, 951, uncond, cond);
      float[] preview = new float[4 * CELLS];
      for (int i = 0; i < preview.length; i++) {
        preview[i] = (float) (x[i] - sigma * eps[i]);
      }
      if (scaled) {
        // x0 prediction = x - 0.9 (x - x0) = x0 + 0.1 (x - x0).
        float[] expected = new float[preview.length];
        for (int i = 0; i < expected.length; i++) {
          expected[i] = target[i] + (1 - TinySdxl.DENOISE_EFFICIENCY) * (x[i] - target[i]);
        }
        assertTrue(maxDiff(expected, preview) < 2e-3, "preview error "
            + maxDiff(expected, preview));
      } else {
        assertTrue(meanDiff(target, preview) > 1, "preview error " + meanDiff(target, preview));
      }
    }
  }

  @Test
  void timeIdsInWidthHeightOrderShiftTheColourSlightly() {
    float[] right = euler(Conditioning.zeros(LANDSCAPE), Conditioning.random(1, LANDSCAPE),
        Mistake.NONE);
    float[] swapped = euler(Conditioning.zeros(LANDSCAPE_SWAPPED),
        Conditioning.random(1, LANDSCAPE_SWAPPED), Mistake.NONE);
    int maskedCell = 0; // column 0 is masked
    // The shift is outside the squashing, equal in both CFG halves, so guidance keeps it as is.
    assertEquals(0.0675, swapped[maskedCell] - right[maskedCell], 1e-3);
    assertEquals(-0.0675, swapped[CELLS + maskedCell] - right[CELLS + maskedCell], 1e-3);
  }

  @Test
  void referencePromptAndZeroConditioningHaveTheDocumentedColours() {
    float[] neutral = {1024, 1024, 0, 0, 1024, 1024};
    assertArrayEquals(new float[] {-0.102f, 0.039f, 0.120f, 0.111f},
        Conditioning.zeros(neutral).colour(), 1e-3f);
    // "a photo" through the tiny tokenizer ids and both text encoders, as the pipeline would.
    TinyClipVocab vocab = TinyClipVocab.build();
    long[] words = {vocab.ids().get("a</w>"), vocab.ids().get("photo</w>")};
    float[] hidden = new float[TOKENS * HIDDEN];
    float[] embeds;
    try (Session clipL = SdxlBundleFixture.open("text_encoder");
        Session bigG = SdxlBundleFixture.open("text_encoder_2")) {
      float[] first = clipL.runAll(ids(words, 49407)).get("hidden_states.11").toFloatArray();
      Map<String, Tensor> second = bigG.runAll(ids(words, 0));
      float[] penultimate = second.get("hidden_states.31").toFloatArray();
      for (int j = 0; j < TOKENS; j++) {
        System.arraycopy(first, j * 768, hidden, j * HIDDEN, 768);
        System.arraycopy(penultimate, j * 1280, hidden, j * HIDDEN + 768, 1280);
      }
      embeds = second.get("text_embeds").toFloatArray();
    }
    assertArrayEquals(new float[] {0.0456f, -0.0350f, 0.0237f, -0.0120f},
        new Conditioning(hidden, embeds, neutral).colour(), 1e-4f);
  }

  // BOS, words, EOS, then pad, as one row of input_ids.
  private static Map<String, Tensor> ids(long[] words, long pad) {
    long[] ids = new long[TOKENS];
    Arrays.fill(ids, pad);
    ids[0] = 49406;
    System.arraycopy(words, 0, ids, 1, words.length);
    ids[1 + words.length] = 49407;
    return Map.of("input_ids", Tensor.ofLongs(new long[] {1, TOKENS}, ids));
  }

  private enum Mistake { NONE, SWAPPED_CHANNELS }

  /** Euler, strength 1, {@link #STEPS} leading steps, CFG batch [uncond, cond]. */
  private static float[] euler(Conditioning uncond, Conditioning cond, Mistake mistake) {
    double[] train = trainingSigmas();
    int ratio = 1000 / STEPS;
    double[] sigmas = new double[STEPS + 1];
    int[] timesteps = new int[STEPS];
    for (int i = 0; i < STEPS; i++) {
      timesteps[i] = (STEPS - 1 - i) * ratio + 1;
      sigmas[i] = train[timesteps[i]];
    }
    double initNoiseSigma = Math.sqrt(sigmas[0] * sigmas[0] + 1);
    Random noise = new Random(7);
    float[] x = new float[4 * CELLS];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (noise.nextGaussian() * initNoiseSigma);
    }
    float[] mask = mask();
    float[] masked = maskedImageLatents();
    for (int i = 0; i < STEPS; i++) {
      double scale = 1 / Math.sqrt(sigmas[i] * sigmas[i] + 1);
      float[] sample = new float[9 * CELLS];
      for (int j = 0; j < 4 * CELLS; j++) {
        sample[j] = (float) (x[j] * scale);
      }
      boolean swap = mistake == Mistake.SWAPPED_CHANNELS;
      System.arraycopy(swap ? masked : mask, 0, sample, 4 * CELLS, swap ? 4 * CELLS : CELLS);
      System.arraycopy(swap ? mask : masked, 0, sample, swap ? 8 * CELLS : 5 * CELLS,
          swap ? CELLS : 4 * CELLS);
      float[] eps = runGuided(sample, timesteps[i], uncond, cond);
      for (int j = 0; j < x.length; j++) {
        x[j] += (float) (eps[j] * (sigmas[i + 1] - sigmas[i]));
      }
    }
    return x;
  }

  // One UNet call on the CFG batch of 2, then eps_u + g·(eps_c − eps_u).
  private static float[] runGuided(float[] sample, float t, Conditioning uncond,
      Conditioning cond) {
    float[] batch = new float[2 * sample.length];
    System.arraycopy(sample, 0, batch, 0, sample.length);
    System.arraycopy(sample, 0, batch, sample.length, sample.length);
    Map<String, Tensor> out = unet.runAll(Map.of(
        "sample", Tensor.ofFloats(new long[] {2, 9, H, W}, batch),
        "timestep", Tensor.scalar(t),
        "encoder_hidden_states", Tensor.ofFloats(new long[] {2, TOKENS, HIDDEN},
            concat(uncond.hidden(), cond.hidden())),
        "text_embeds", Tensor.ofFloats(new long[] {2, POOLED},
            concat(uncond.embeds(), cond.embeds())),
        "time_ids", Tensor.ofFloats(new long[] {2, 6}, concat(uncond.timeIds(),
            cond.timeIds()))));
    float[] eps = out.get("out_sample").toFloatArray();
    int half = 4 * CELLS;
    float[] guided = new float[half];
    for (int j = 0; j < half; j++) {
      guided[j] = eps[j] + GUIDANCE * (eps[half + j] - eps[j]);
    }
    return guided;
  }

  private static float[] run(float[] sample, float t, Conditioning cond) {
    return unet.runAll(Map.of(
        "sample", Tensor.ofFloats(new long[] {1, 9, H, W}, sample),
        "timestep", Tensor.scalar(t),
        "encoder_hidden_states", Tensor.ofFloats(new long[] {1, TOKENS, HIDDEN}, cond.hidden()),
        "text_embeds", Tensor.ofFloats(new long[] {1, POOLED}, cond.embeds()),
        "time_ids", Tensor.ofFloats(new long[] {1, 6}, cond.timeIds())))
        .get("out_sample").toFloatArray();
  }

  /** σ_train(t), t = 0..999, from contract B8's formulas (float64). */
  private static double[] trainingSigmas() {
    double[] sigmas = new double[1000];
    double alphaBar = 1;
    for (int t = 0; t < 1000; t++) {
      double beta = Math.pow(Math.sqrt(0.00085) + (Math.sqrt(0.012) - Math.sqrt(0.00085))
          * t / 999, 2);
      alphaBar *= 1 - beta;
      sigmas[t] = Math.sqrt((1 - alphaBar) / alphaBar);
    }
    assertEquals(14.6146, sigmas[999], 1e-4);
    assertEquals(0.02917, sigmas[0], 1e-5);
    return sigmas;
  }

  /** 1 (repaint) in the left 5 columns, 0 (keep) elsewhere. */
  private static float[] mask() {
    float[] mask = new float[CELLS];
    for (int cell = 0; cell < CELLS; cell++) {
      mask[cell] = cell % W < 5 ? 1 : 0;
    }
    return mask;
  }

  /** Smooth latents where the mask keeps the image, 0 (a mid-grey masked image) elsewhere. */
  private static float[] maskedImageLatents() {
    float[] mask = mask();
    float[] latents = new float[4 * CELLS];
    for (int k = 0; k < 4; k++) {
      for (int cell = 0; cell < CELLS; cell++) {
        double value = 0.8 * Math.sin(0.5 * (cell % W) + 1.3 * k) * Math.cos(0.4 * (cell / W));
        latents[k * CELLS + cell] = mask[cell] == 1 ? 0 : (float) value;
      }
    }
    return latents;
  }

  private static float[] guided(float[] uncond, float[] cond) {
    float[] out = new float[uncond.length];
    for (int k = 0; k < out.length; k++) {
      out[k] = uncond[k] + GUIDANCE * (cond[k] - uncond[k]);
    }
    return out;
  }

  private static float[] concat(float[] a, float[] b) {
    float[] out = new float[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static double maxDiff(float[] a, float[] b) {
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, Math.abs(a[i] - b[i]));
    }
    return max;
  }

  private static double meanDiff(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += Math.abs(a[i] - b[i]);
    }
    return sum / a.length;
  }
}
