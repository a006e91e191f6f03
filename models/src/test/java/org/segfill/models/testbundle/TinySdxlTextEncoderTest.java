package org.segfill.models.testbundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.segfill.engine.backend.Session;
import org.segfill.engine.backend.Tensor;

/**
 * The tiny text encoders: token and position dependence, causality, distinct layers, the final
 * norm, and the argmax EOS pooling of transformers.
 */
class TinySdxlTextEncoderTest {

  private static final int TOKENS = 77;
  private static final int CLIP_L = 768;
  private static final int BIG_G = 1280;
  private static final long BOS = 49406;
  private static final long EOS = 49407;
  // Ordinary token ids (< 49406); the encoders need no vocabulary.
  private static final long[] WORDS = {320, 1000, 713, 655};

  private static Session clipL;
  private static Session bigG;

  @BeforeAll
  static void open() {
    clipL = SdxlBundleFixture.open("text_encoder");
    bigG = SdxlBundleFixture.open("text_encoder_2");
  }

  @AfterAll
  static void close() {
    clipL.close();
    bigG.close();
  }

  @Test
  void graphsComputeTheDocumentedArithmetic() {
    long[] ids = prompt(WORDS, 0);
    Map<String, Tensor> out = bigG.runAll(feed(ids));
    TinyClipMath expected = TinyClipMath.encode(ids, BIG_G, 32);
    for (int layer : new int[] {0, 1, 31, 32}) {
      assertClose(flatten(expected.hiddenStates()[layer]),
          out.get("hidden_states." + layer).toFloatArray(), 1e-4, "hidden_states." + layer);
    }
    assertClose(flatten(expected.lastHiddenState()), out.get("last_hidden_state").toFloatArray(),
        1e-3, "last_hidden_state");
    assertClose(expected.textEmbeds(), out.get("text_embeds").toFloatArray(), 1e-3,
        "text_embeds");

    long[] clipIds = prompt(WORDS, EOS);
    Map<String, Tensor> clipOut = clipL.runAll(feed(clipIds));
    TinyClipMath clipExpected = TinyClipMath.encode(clipIds, CLIP_L, 12);
    assertClose(flatten(clipExpected.hiddenStates()[11]),
        clipOut.get("hidden_states.11").toFloatArray(), 1e-4, "CLIP-L hidden_states.11");
    assertClose(clipExpected.pooled(), clipOut.get("pooler_output").toFloatArray(), 1e-3,
        "pooler_output");
  }

  @Test
  void aTokenChangesItsOwnAndLaterPositionsOnly() {
    for (Session session : new Session[] {clipL, bigG}) {
      int width = session == clipL ? CLIP_L : BIG_G;
      String penultimate = session == clipL ? "hidden_states.11" : "hidden_states.31";
      long[] ids = prompt(WORDS, EOS);
      long[] changed = ids.clone();
      changed[3] = 4321;
      float[] before = session.runAll(feed(ids)).get(penultimate).toFloatArray();
      float[] after = session.runAll(feed(changed)).get(penultimate).toFloatArray();
      for (int position = 0; position < 3; position++) {
        assertEquals(0, maxDiff(before, after, position, width), 1e-6, "position " + position);
      }
      assertTrue(maxDiff(before, after, 3, width) > 0.3, "the changed token itself");
      assertTrue(maxDiff(before, after, 10, width) > 0.01, "a later position");
    }
  }

  @Test
  void everyLayerDiffersAndTheFinalNormIsNotThePenultimateState() {
    Map<String, Tensor> out = bigG.runAll(feed(prompt(WORDS, 0)));
    for (int layer = 1; layer <= 32; layer++) {
      float[] previous = out.get("hidden_states." + (layer - 1)).toFloatArray();
      float[] current = out.get("hidden_states." + layer).toFloatArray();
      // Position 0 (BOS) too: the layer signature sets layers apart where mixing cannot.
      assertTrue(maxDiff(previous, current, 0, BIG_G) > 0.01, "layer " + layer);
    }
    float[] penultimate = out.get("hidden_states.31").toFloatArray();
    float[] last = out.get("last_hidden_state").toFloatArray();
    assertTrue(maxDiff(penultimate, last, 5, BIG_G) > 0.5);
    for (int position = 0; position < TOKENS; position += 19) {
      double mean = 0;
      double square = 0;
      for (int d = 0; d < BIG_G; d++) {
        double v = last[position * BIG_G + d];
        mean += v / BIG_G;
        square += v * v / BIG_G;
      }
      assertEquals(0, mean, 1e-4, "position " + position);
      assertEquals(1, square - mean * mean, 1e-3, "position " + position);
    }
  }

  @Test
  void textEmbedsProjectTheLastStateAtTheFirstEos() {
    long[] ids = prompt(WORDS, 0);
    Map<String, Tensor> out = bigG.runAll(feed(ids));
    int eos = 1 + WORDS.length;
    float[] last = out.get("last_hidden_state").toFloatArray();
    float[] embeds = out.get("text_embeds").toFloatArray();
    assertArrayEquals(new long[] {1, BIG_G}, out.get("text_embeds").shape());
    for (int k = 0; k < BIG_G; k++) {
      double expected = 0.8 * last[eos * BIG_G + k] + 0.6 * last[eos * BIG_G + BIG_G - 1 - k];
      assertEquals(expected, embeds[k], 1e-5, "channel " + k);
    }
  }

  @Test
  void padZeroAndPadEosPoolTheSameEosButDifferAfterIt() {
    // argmax takes the first 49407, and positions up to it never see the padding.
    Map<String, Tensor> padZero = bigG.runAll(feed(prompt(WORDS, 0)));
    Map<String, Tensor> padEos = bigG.runAll(feed(prompt(WORDS, EOS)));
    assertClose(padZero.get("text_embeds").toFloatArray(),
        padEos.get("text_embeds").toFloatArray(), 1e-6, "text_embeds");
    float[] zero = padZero.get("hidden_states.31").toFloatArray();
    float[] eos = padEos.get("hidden_states.31").toFloatArray();
    int eosPosition = 1 + WORDS.length;
    assertEquals(0, maxDiff(zero, eos, eosPosition, BIG_G), 1e-6);
    assertTrue(maxDiff(zero, eos, eosPosition + 1, BIG_G) > 0.1);
    assertTrue(meanAbsDiff(zero, eos) > 0.05, "the pads change prompt_embeds");
  }

  @Test
  void withoutAnEosTheBosIsPooledWhateverThePrompt() {
    // A tokenizer that forgot the EOS: BOS (49406) is then the largest id, at position 0.
    long[] ids = prompt(WORDS, 0);
    ids[1 + WORDS.length] = 0;
    long[] other = prompt(new long[] {900, 901}, 0);
    other[3] = 0;
    Map<String, Tensor> out = bigG.runAll(feed(ids));
    float[] last = out.get("last_hidden_state").toFloatArray();
    float[] embeds = out.get("text_embeds").toFloatArray();
    assertEquals(0.8 * last[0] + 0.6 * last[BIG_G - 1], embeds[0], 1e-5);
    assertClose(embeds, bigG.runAll(feed(other)).get("text_embeds").toFloatArray(), 1e-6,
        "prompt-independent");
    float[] proper = bigG.runAll(feed(prompt(WORDS, 0))).get("text_embeds").toFloatArray();
    assertTrue(meanAbsDiff(proper, embeds) > 0.1);
  }

  @Test
  void shorterSequencesAndBatchesAgreeWithTheFullRun() {
    long[] first = prompt(WORDS, EOS);
    long[] second = prompt(new long[] {900, 901}, EOS);
    float[] alone = clipL.runAll(feed(first)).get("hidden_states.11").toFloatArray();
    long[] both = new long[2 * TOKENS];
    System.arraycopy(first, 0, both, 0, TOKENS);
    System.arraycopy(second, 0, both, TOKENS, TOKENS);
    float[] batched = clipL.runAll(Map.of("input_ids",
        Tensor.ofLongs(new long[] {2, TOKENS}, both))).get("hidden_states.11").toFloatArray();
    assertClose(alone, Arrays.copyOf(batched, alone.length), 1e-6, "row 0 of a batch of 2");
    // Causal: the first 10 positions of 77 are the 10 positions of a 10-token run.
    float[] short10 = clipL.runAll(Map.of("input_ids", Tensor.ofLongs(new long[] {1, 10},
        Arrays.copyOf(first, 10)))).get("hidden_states.11").toFloatArray();
    assertClose(short10, Arrays.copyOf(alone, 10 * CLIP_L), 1e-6, "10 tokens");
  }

  /** BOS, the words, EOS, then {@code pad} up to 77 tokens. */
  private static long[] prompt(long[] words, long pad) {
    long[] ids = new long[TOKENS];
    Arrays.fill(ids, pad);
    ids[0] = BOS;
    System.arraycopy(words, 0, ids, 1, words.length);
    ids[1 + words.length] = EOS;
    return ids;
  }

  private static Map<String, Tensor> feed(long[] ids) {
    return Map.of("input_ids", Tensor.ofLongs(new long[] {1, ids.length}, ids));
  }

  private static double maxDiff(float[] a, float[] b, int position, int width) {
    double max = 0;
    for (int d = 0; d < width; d++) {
      max = Math.max(max, Math.abs(a[position * width + d] - b[position * width + d]));
    }
    return max;
  }

  private static double meanAbsDiff(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += Math.abs(a[i] - b[i]);
    }
    return sum / a.length;
  }

  private static double[] flatten(double[][] rows) {
    return Arrays.stream(rows).flatMapToDouble(Arrays::stream).toArray();
  }

  private static void assertClose(double[] expected, float[] actual, double tolerance,
      String what) {
    assertEquals(expected.length, actual.length, what);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], tolerance, what + " [" + i + "]");
    }
  }

  private static void assertClose(float[] expected, float[] actual, double tolerance,
      String what) {
    assertEquals(expected.length, actual.length, what);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], tolerance, what + " [" + i + "]");
    }
  }
}
