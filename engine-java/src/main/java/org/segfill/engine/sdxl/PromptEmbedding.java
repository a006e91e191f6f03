package org.segfill.engine.sdxl;

/**
 * One prompt as the UNet sees it (model contract B3): the per-token embeddings, CLIP-L's
 * penultimate hidden states (768) then bigG's (1280) concatenated per token to 77 x 2048, and
 * bigG's pooled, projected {@code text_embeds} (1280).
 */
public final class PromptEmbedding {

  /** Floats per token: 768 + 1280. */
  public static final int WIDTH = SdxlContracts.TEXT_HIDDEN + SdxlContracts.TEXT_2_HIDDEN;

  private final float[] tokens;
  private final float[] pooled;

  PromptEmbedding(float[] tokens, float[] pooled) {
    if (tokens.length != SdxlContracts.TOKENS * WIDTH) {
      throw new IllegalArgumentException("tokens: " + SdxlContracts.TOKENS * WIDTH
          + " floats expected, got " + tokens.length);
    }
    if (pooled.length != SdxlContracts.TEXT_2_HIDDEN) {
      throw new IllegalArgumentException("pooled: " + SdxlContracts.TEXT_2_HIDDEN
          + " floats expected, got " + pooled.length);
    }
    this.tokens = tokens;
    this.pooled = pooled;
  }

  /** The all-zero embedding diffusers uses for an absent negative prompt. */
  public static PromptEmbedding zeros() {
    return new PromptEmbedding(new float[SdxlContracts.TOKENS * WIDTH],
        new float[SdxlContracts.TEXT_2_HIDDEN]);
  }

  float[] tokens() {
    return tokens;
  }

  float[] pooled() {
    return pooled;
  }
}
