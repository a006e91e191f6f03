package org.segfill.engine.sdxl;

import java.util.Map;
import java.util.Set;
import org.segfill.engine.backend.Session;
import org.segfill.engine.backend.Tensor;

/**
 * A prompt encoder written in the test, with a switch for each of model contract D5's embedding
 * mistakes; {@link #CONTRACT} sets none of them and must pass every check, which shows that a
 * failure of the others comes from their one mistake.
 *
 * @param clipLOutput the CLIP-L output used per token (the contract: hidden_states.11)
 * @param bigGOutput the bigG output used per token (the contract: hidden_states.31)
 * @param pooledFromClipL take the pooled vector from CLIP-L's pooler_output (768 wide, padded
 *     with zeros to 1280, the only way it fits) instead of bigG's text_embeds
 * @param bigGFirst concatenate bigG's 1280 columns before CLIP-L's 768
 */
record MistakablePromptEncoder(String clipLOutput, String bigGOutput, boolean pooledFromClipL,
    boolean bigGFirst) implements SdxlSteps.Embedding {

  static final String CLIP_L_PENULTIMATE = "hidden_states.11";
  static final String BIG_G_PENULTIMATE = "hidden_states.31";
  static final MistakablePromptEncoder CONTRACT =
      new MistakablePromptEncoder(CLIP_L_PENULTIMATE, BIG_G_PENULTIMATE, false, false);

  private static final int TOKENS = 77;
  private static final int CLIP_L = 768;
  private static final int BIG_G = 1280;

  @Override
  public PromptEmbedding embed(Session textEncoder, Session textEncoder2, long[] ids,
      long[] ids2) {
    Map<String, Tensor> out = textEncoder.run(Map.of("input_ids", idsTensor(ids)),
        Set.of(clipLOutput, "pooler_output"));
    Map<String, Tensor> out2 = textEncoder2.run(Map.of("input_ids", idsTensor(ids2)),
        Set.of(bigGOutput, "text_embeds"));
    float[] clipL = out.get(clipLOutput).toFloatArray();
    float[] bigG = out2.get(bigGOutput).toFloatArray();
    float[] tokens = new float[TOKENS * (CLIP_L + BIG_G)];
    for (int t = 0; t < TOKENS; t++) {
      int row = t * (CLIP_L + BIG_G);
      System.arraycopy(clipL, t * CLIP_L, tokens, row + (bigGFirst ? BIG_G : 0), CLIP_L);
      System.arraycopy(bigG, t * BIG_G, tokens, row + (bigGFirst ? 0 : CLIP_L), BIG_G);
    }
    float[] pooled = new float[BIG_G];
    if (pooledFromClipL) {
      System.arraycopy(out.get("pooler_output").toFloatArray(), 0, pooled, 0, CLIP_L);
    } else {
      pooled = out2.get("text_embeds").toFloatArray();
    }
    return new PromptEmbedding(tokens, pooled);
  }

  private static Tensor idsTensor(long[] ids) {
    return Tensor.ofLongs(new long[] {1, ids.length}, ids);
  }
}
