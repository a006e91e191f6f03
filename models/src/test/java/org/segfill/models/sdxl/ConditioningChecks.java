package org.segfill.models.sdxl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.segfill.models.sdxl.RecordingSession.Call;

/**
 * Checks what the text encoders and the UNet's conditioning inputs received (model contract B2,
 * B3, B4, B7): the token ids with each tokenizer's own pad; the text encoders run on the prompt
 * only when the negative is forced to zeros; encoder_hidden_states = [CLIP-L hidden_states.11 |
 * bigG hidden_states.31] and text_embeds = bigG's, in the cond row; the negative (zeros) in the
 * uncond row, which comes first; time_ids = (H, W, 0, 0, H, W) in every row.
 */
final class ConditioningChecks {

  // The UNet gets the encoders' outputs copied, so they must agree to float rounding.
  private static final double EMBEDDING_TOLERANCE = 1e-5;

  private final InpaintScenario scenario;
  private final InpaintReference reference;

  ConditioningChecks(InpaintScenario scenario, InpaintReference reference) {
    this.scenario = scenario;
    this.reference = reference;
  }

  List<CheckFailure> failures(GraphRecording recording) {
    List<CheckFailure> failures = new ArrayList<>();
    textEncoderCalls(recording, failures);
    List<Call> unet = recording.unet().calls();
    if (unet.isEmpty()) {
      failures.add(new CheckFailure("conditioning", "the UNet never ran"));
      return failures;
    }
    Call first = unet.get(0);
    int rows = scenario.cfg() ? 2 : 1;
    float[] hidden = first.input("encoder_hidden_states");
    float[] pooled = first.input("text_embeds");
    int tokenFloats = ReferenceEmbedding.TOKENS * ReferenceEmbedding.WIDTH;
    if (hidden.length != rows * tokenFloats
        || pooled.length != rows * ReferenceEmbedding.BIG_G_WIDTH) {
      failures.add(new CheckFailure("conditioning", "encoder_hidden_states "
          + Arrays.toString(first.inputs().get("encoder_hidden_states").shape())
          + " and text_embeds " + Arrays.toString(first.inputs().get("text_embeds").shape())
          + "; expected [" + rows + ",77,2048] and [" + rows + ",1280]"));
      return failures;
    }
    int cond = rows - 1;
    ReferenceEmbedding positive = reference.prompt().embedding();
    tokenColumns("hidden-clip-l", "CLIP-L hidden_states.11", positive, hidden, cond, 0,
        ReferenceEmbedding.CLIP_L_WIDTH, failures);
    tokenColumns("hidden-big-g", "bigG hidden_states.31", positive, hidden, cond,
        ReferenceEmbedding.CLIP_L_WIDTH, ReferenceEmbedding.BIG_G_WIDTH, failures);
    Mismatch.of(positive.pooled(), 0, pooled, cond * ReferenceEmbedding.BIG_G_WIDTH,
        ReferenceEmbedding.BIG_G_WIDTH, EMBEDDING_TOLERANCE, EMBEDDING_TOLERANCE,
        i -> "feature " + i).ifPresent(m -> failures.add(new CheckFailure("text-embeds",
            "text_embeds row " + cond + " (cond) is not bigG's text_embeds of the prompt: "
            + m)));
    if (scenario.cfg()) {
      negativeRow(hidden, pooled, failures);
    }
    timeIds(first.input("time_ids"), rows, failures);
    return failures;
  }

  private void textEncoderCalls(GraphRecording recording, List<CheckFailure> failures) {
    PromptReference negative = reference.negativePrompt();
    List<long[]> clipL = new ArrayList<>(List.of(reference.prompt().ids()));
    List<long[]> bigG = new ArrayList<>(List.of(reference.prompt().ids2()));
    if (negative != null) {
      clipL.add(negative.ids());
      bigG.add(negative.ids2());
    }
    String which = negative != null ? "the prompt and the negative prompt"
        : "the prompt only: an absent negative prompt is zeros when the bundle says"
            + " force_zeros_for_empty_prompt, not an encoded \"\"";
    ids("token-ids-clip-l", "text_encoder", recording.textEncoder().calls(), clipL,
        PromptReference.CLIP_L_PAD, which, failures);
    ids("token-ids-big-g", "text_encoder_2", recording.textEncoder2().calls(), bigG,
        PromptReference.BIG_G_PAD, which, failures);
  }

  // Each expected id sequence must reach the graph in some call, in whatever order.
  private static void ids(String check, String graph, List<Call> calls, List<long[]> expected,
      long pad, String which, List<CheckFailure> failures) {
    if (calls.size() != expected.size()) {
      failures.add(new CheckFailure("text-encoder-calls", graph + " ran " + calls.size()
          + " times; expected " + expected.size() + " (" + which + ")"));
    }
    for (long[] ids : expected) {
      String closest = "it never ran";
      int closestAt = -1;
      for (Call call : calls) {
        long[] got = call.inputs().get("input_ids").toLongArray();
        int at = Arrays.mismatch(ids, got);
        if (at < 0) {
          closest = null;
          break;
        }
        if (at > closestAt) {
          closestAt = at;
          closest = "the closest call differs at position " + at + ": expected "
              + (at < ids.length ? ids[at] : "nothing") + ", got "
              + (at < got.length ? got[at] : "nothing");
        }
      }
      if (closest != null) {
        failures.add(new CheckFailure(check, graph + " never got the ids " + summary(ids)
            + " (BOS, words, EOS, then pad " + pad + "); " + closest));
      }
    }
  }

  // The ids up to the first pad, e.g. [49406, 520, 1184, 49407, 0, ...].
  private static String summary(long[] ids) {
    int eos = 0;
    while (ids[eos] != PromptReference.EOS) {
      eos++;
    }
    return Arrays.toString(Arrays.copyOf(ids, eos + 2)).replace("]", ", ...]");
  }

  // Columns [from, from + width) of every token of `row`, against the reference.
  private static void tokenColumns(String check, String source, ReferenceEmbedding expected,
      float[] hidden, int row, int from, int width, List<CheckFailure> failures) {
    int w = ReferenceEmbedding.WIDTH;
    int rowStart = row * ReferenceEmbedding.TOKENS * w;
    for (int t = 0; t < ReferenceEmbedding.TOKENS; t++) {
      int token = t;
      Optional<Mismatch> m = Mismatch.of(expected.tokens(), t * w + from, hidden,
          rowStart + t * w + from, width, EMBEDDING_TOLERANCE, EMBEDDING_TOLERANCE,
          i -> "token " + token + ", column " + (from + i));
      if (m.isPresent()) {
        failures.add(new CheckFailure(check, "encoder_hidden_states row " + row
            + " (cond), columns " + from + ".." + (from + width - 1) + " must be " + source
            + " of the prompt; first token off is " + token + ": " + m.get()));
        return;
      }
    }
  }

  private void negativeRow(float[] hidden, float[] pooled, List<CheckFailure> failures) {
    ReferenceEmbedding negative = reference.negative();
    int tokenFloats = ReferenceEmbedding.TOKENS * ReferenceEmbedding.WIDTH;
    Optional<Mismatch> tokens = Mismatch.of(negative.tokens(), 0, hidden, 0, tokenFloats,
        EMBEDDING_TOLERANCE, EMBEDDING_TOLERANCE, i -> "token " + i / ReferenceEmbedding.WIDTH
            + ", column " + i % ReferenceEmbedding.WIDTH);
    Optional<Mismatch> pool = Mismatch.of(negative.pooled(), 0, pooled, 0,
        ReferenceEmbedding.BIG_G_WIDTH, EMBEDDING_TOLERANCE, EMBEDDING_TOLERANCE,
        i -> "feature " + i);
    if (tokens.isEmpty() && pool.isEmpty()) {
      return;
    }
    String what = reference.negativeEncoded() ? "the negative prompt's embedding"
        : "zeros (absent negative prompt, force_zeros_for_empty_prompt)";
    boolean holdsPrompt = Mismatch.of(reference.prompt().embedding().tokens(), 0, hidden, 0,
        tokenFloats, EMBEDDING_TOLERANCE, EMBEDDING_TOLERANCE, i -> "").isEmpty();
    failures.add(new CheckFailure("negative-branch", "row 0 (uncond, first in the CFG batch)"
        + " must be " + what + (holdsPrompt ? "; it holds the prompt's embedding, so the"
            + " uncond block is not first" : "") + ": "
        + tokens.map(m -> "encoder_hidden_states " + m)
            .orElseGet(() -> "text_embeds " + pool.get())));
  }

  private void timeIds(float[] got, int rows, List<CheckFailure> failures) {
    float h = reference.images().height();
    float w = reference.images().width();
    float[] expected = new float[6 * rows];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(new float[] {h, w, 0, 0, h, w}, 0, expected, 6 * r, 6);
    }
    Mismatch.of(expected, got, 0, 0, i -> "row " + i / 6 + " id " + i % 6).ifPresent(m ->
        failures.add(new CheckFailure("time-ids", "time_ids must be (H, W, 0, 0, H, W) = "
            + Arrays.toString(Arrays.copyOf(expected, 6)) + " in every row, got "
            + Arrays.toString(got) + ": " + m)));
  }
}
