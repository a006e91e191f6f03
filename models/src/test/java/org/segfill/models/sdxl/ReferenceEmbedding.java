package org.segfill.models.sdxl;

/**
 * One prompt as the UNet must receive it (model contract B3), built by the tests: 77 tokens of
 * [CLIP-L hidden_states.11 (768) | bigG hidden_states.31 (1280)] and bigG's text_embeds.
 *
 * @param tokens [77 * 2048]
 * @param pooled [1280]
 */
public record ReferenceEmbedding(float[] tokens, float[] pooled) {

  public static final int TOKENS = 77;
  public static final int CLIP_L_WIDTH = 768;
  public static final int BIG_G_WIDTH = 1280;
  public static final int WIDTH = CLIP_L_WIDTH + BIG_G_WIDTH;

  /** What diffusers feeds for an absent negative prompt when force_zeros_for_empty_prompt. */
  public static ReferenceEmbedding zeros() {
    return new ReferenceEmbedding(new float[TOKENS * WIDTH], new float[BIG_G_WIDTH]);
  }

  /** The mean over the 77 tokens, [2048]: the tiny UNet's colour reads this. */
  public float[] meanTokens() {
    float[] mean = new float[WIDTH];
    for (int token = 0; token < TOKENS; token++) {
      for (int f = 0; f < WIDTH; f++) {
        mean[f] += tokens[token * WIDTH + f] / TOKENS;
      }
    }
    return mean;
  }
}
