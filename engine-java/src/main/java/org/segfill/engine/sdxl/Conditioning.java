package org.segfill.engine.sdxl;

import org.segfill.engine.backend.Tensor;

/**
 * The UNet's conditioning for a batch of variants (model contract B3, B4, B7): per-token prompt
 * embeddings [copies·B, 77, 2048], pooled {@code text_embeds} [copies·B, 1280] and
 * {@code time_ids} [copies·B, 6], with the negative (unconditional) block first when CFG is on.
 *
 * @param encoderHiddenStates the per-token embeddings
 * @param textEmbeds the pooled embeddings
 * @param timeIds (H, W, 0, 0, H, W) per row
 */
record Conditioning(Tensor encoderHiddenStates, Tensor textEmbeds, Tensor timeIds) {

  /**
   * Builds the tensors for {@code batch} variants at a {@code width x height} generation size.
   *
   * @param negative the unconditional embedding, used only when {@code cfg}
   */
  static Conditioning of(PromptEmbedding positive, PromptEmbedding negative, boolean cfg,
      int batch, int width, int height) {
    int copies = cfg ? 2 : 1;
    int rows = copies * batch;
    int tokenFloats = positive.tokens().length;
    int pooledFloats = positive.pooled().length;
    float[] tokens = new float[rows * tokenFloats];
    float[] pooled = new float[rows * pooledFloats];
    float[] timeIds = new float[rows * 6];
    for (int row = 0; row < rows; row++) {
      PromptEmbedding e = cfg && row < batch ? negative : positive;
      System.arraycopy(e.tokens(), 0, tokens, row * tokenFloats, tokenFloats);
      System.arraycopy(e.pooled(), 0, pooled, row * pooledFloats, pooledFloats);
      // original_size + crops_coords_top_left + target_size, each (H, W) (contract B4).
      float[] ids = {height, width, 0, 0, height, width};
      System.arraycopy(ids, 0, timeIds, row * 6, 6);
    }
    return new Conditioning(
        Tensor.ofFloats(new long[] {rows, SdxlContracts.TOKENS, PromptEmbedding.WIDTH}, tokens),
        Tensor.ofFloats(new long[] {rows, SdxlContracts.TEXT_2_HIDDEN}, pooled),
        Tensor.ofFloats(new long[] {rows, 6}, timeIds));
  }
}
