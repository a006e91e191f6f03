package org.segfill.engine.sdxl;

import java.util.Map;
import java.util.Set;
import org.segfill.engine.backend.Session;
import org.segfill.engine.backend.Tensor;

/**
 * Runs SDXL's two text encoders on token ids (model contract B3): CLIP-L's
 * {@code hidden_states.11} and bigG's {@code hidden_states.31} (the penultimate layers, before
 * the final layer norm), concatenated in that order, plus bigG's {@code text_embeds}. No attention
 * mask is fed, as diffusers feeds none.
 */
final class PromptEncoder {

  private static final String HIDDEN_1 = "hidden_states." + (SdxlContracts.TEXT_LAYERS - 1);
  private static final String HIDDEN_2 = "hidden_states." + (SdxlContracts.TEXT_2_LAYERS - 1);

  private final Session textEncoder;
  private final Session textEncoder2;

  PromptEncoder(Session textEncoder, Session textEncoder2) {
    this.textEncoder = textEncoder;
    this.textEncoder2 = textEncoder2;
  }

  /** Encodes one prompt from each tokenizer's 77 ids. */
  PromptEmbedding encode(long[] ids, long[] ids2) {
    int n = SdxlContracts.TOKENS;
    if (ids.length != n || ids2.length != n) {
      throw new IllegalArgumentException("ids: " + n + " per tokenizer expected, got "
          + ids.length + " and " + ids2.length);
    }
    long[] shape = {1, n};
    float[] hidden = textEncoder.run(Map.of("input_ids", Tensor.ofLongs(shape, ids)),
        Set.of(HIDDEN_1)).get(HIDDEN_1).toFloatArray();
    Map<String, Tensor> out2 = textEncoder2.run(Map.of("input_ids", Tensor.ofLongs(shape, ids2)),
        Set.of(HIDDEN_2, "text_embeds"));
    float[] hidden2 = out2.get(HIDDEN_2).toFloatArray();
    float[] pooled = out2.get("text_embeds").toFloatArray();
    int w1 = SdxlContracts.TEXT_HIDDEN;
    int w2 = SdxlContracts.TEXT_2_HIDDEN;
    float[] tokens = new float[n * PromptEmbedding.WIDTH];
    for (int t = 0; t < n; t++) {
      System.arraycopy(hidden, t * w1, tokens, t * PromptEmbedding.WIDTH, w1);
      System.arraycopy(hidden2, t * w2, tokens, t * PromptEmbedding.WIDTH + w1, w2);
    }
    return new PromptEmbedding(tokens, pooled);
  }
}
