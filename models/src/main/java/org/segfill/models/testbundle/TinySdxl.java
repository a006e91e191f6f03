package org.segfill.models.testbundle;

import java.util.Arrays;
import java.util.Random;
import org.segfill.engine.sdxl.SdxlContracts;

/**
 * The constants and reference arithmetic of segfill's tiny stand-in SDXL Inpainting 0.1, written
 * by {@link TestBundles#writeSdxl} in the Optimum layout (model contract E1a, E2). Every graph has
 * the real export's names, dtypes, ranks and fixed sizes; the compute is tiny but real, so that a
 * pipeline's mistakes change its output. Tensor shapes below use B for batch, S for sequence
 * length, D for a text encoder's hidden size and L for its layer count (768/12 for
 * {@code text_encoder}, 1280/32 for {@code text_encoder_2}).
 *
 * <h2>Text encoders</h2>
 *
 * {@code input_ids} int64 [B,S]; no attention mask, so position j sees positions 0..j only.
 *
 * <ul>
 *   <li>{@code hidden_states.0}[j,d] = sin(id_j·ω_d + φ_d) + 0.3·cos(j·ν_d), with
 *       ω_d = 1.7·2^(−16d/D) rad per id, φ_d = 0.61·d and ν_d = 0.2·2^(−6d/D): a token
 *       embedding computed from the id (no table) plus a position embedding.
 *   <li>layer i = 1..L: h_i = h_{i−1} + (cummean(h_{i−1}) − h_{i−1})/L + 0.05·sin(0.9·i + 0.37·d),
 *       where cummean at position j is the mean over positions 0..j (the causal "attention") and
 *       the last term is a per-layer signature, so every {@code hidden_states.i} differs, even at
 *       position 0. {@code hidden_states.L} is the last layer, before the final norm.
 *   <li>{@code last_hidden_state} = LayerNorm(h_L) over D (scale 1, bias 0, eps 1e-5), so it
 *       differs from {@code hidden_states.(L−1)}, the state SDXL uses.
 *   <li>The pooled position is argmax(input_ids) per row, the first maximum, as transformers
 *       picks the EOS for configs with {@code eos_token_id} 2: with a proper BOS...EOS sequence
 *       that is the first 49407, whatever the padding after it (pad 0 or 49407 give the same
 *       pooled vector; they differ in the hidden states after the EOS).
 *       {@code pooler_output} (text_encoder) = {@code last_hidden_state} there;
 *       {@code text_embeds} (text_encoder_2) = a fixed projection of it:
 *       0.8·v[k] + 0.6·v[D−1−k].
 *   <li>As in the real export, {@code text_embeds}' second axis is declared
 *       {@code sequence_length} though it is always 1280 (contract E5).
 * </ul>
 *
 * <h2>VAE</h2>
 *
 * Scaled latents (what the pipeline works with) of an RGB colour c in [−1, 1] are
 * {@link #RGB_TO_LATENT}·c: three invertible colour mixes plus luminance.
 *
 * <ul>
 *   <li>{@code vae_encoder}: {@code latent_parameters} [B,8,H/8,W/8] = one strided 8x8
 *       convolution: mean (channels 0..3) = RGB_TO_LATENT·(8x8 block average) / 0.13025, i.e.
 *       unscaled like the real graph, so the caller must multiply by {@link #SCALING_FACTOR};
 *       logvar (channels 4..7) = {@link #LOGVAR} everywhere, so sampling adds noise of std
 *       exp(−6)·0.13025 ≈ 0.0003 in scaled units.
 *   <li>{@code vae_decoder}: {@code sample} [B,3,8h,8w] = bilinear ×8 upsampling
 *       (half-pixel, edge-clamped) of 0.13025·pinv(RGB_TO_LATENT)·z, where z is the input,
 *       already divided by 0.13025 by the caller. Linear and unclamped: decode(encode(x)) is x
 *       blurred at 8 px, and a caller that skips the division gets colours ×0.13025 (near
 *       grey).
 * </ul>
 *
 * <h2>UNet: a nearly perfect denoiser toward a target</h2>
 *
 * Inputs {@code sample} [B,9,h,w] = (scaled noisy latents x_in, mask m, masked-image latents M),
 * {@code timestep} t (rank-0 float), {@code encoder_hidden_states} E [B,S,2048],
 * {@code text_embeds} P [B,1280], {@code time_ids} [B,6]. Output {@code out_sample} [B,4,h,w]:
 *
 * <ol>
 *   <li>σ(t) = the SDXL training sigma √((1−ᾱ_t)/ᾱ_t) (scaled_linear betas 0.00085..0.012 over
 *       1000 steps, computed in float64), interpolated linearly in log σ between integer t (the
 *       inverse of diffusers' {@code _sigma_to_t}; exact at integer t), t clamped to [0, 999].
 *   <li>x = x_in·√(σ²+1) undoes {@code scale_model_input}.
 *   <li>prompt colour c [B,4] = {@link #promptColour}: {@link #PROMPT_COLOUR_GAIN}·tanh(
 *       (f − f_ref)·W + {@link #PROMPT_COLOUR_BIAS}) + {@link #TIME_IDS_SHIFT}·
 *       (time_ids/1024 − (1,1,0,0,1,1)), where f = [mean over S of E, P] (3328 features), W is
 *       a fixed Gaussian 3328x4 matrix with entries of std 3/√3328 (seeded), and f_ref is f for
 *       {@link #REFERENCE_PROMPT} "a photo" as diffusers encodes it with the tiny tokenizers
 *       (BOS, "a", "photo", EOS, then pads 49407 for text_encoder and 0 for text_encoder_2; 77
 *       tokens). So "a photo" gives 0.12·tanh(bias) = (0.0456, −0.0350, 0.0237, −0.0120), other
 *       prompts spread around it by a few hundredths per channel, and forced-zero negatives
 *       give 0.12·tanh(bias − f_ref·W) ≈ (−0.102, 0.039, 0.120, 0.111). The time_ids term
 *       vanishes for 1024x1024 uncropped and flips sign under a (W,H) swap of a non-square
 *       size: 0.0675 in channels 0 and 1 between 1216x832 and 832x1216.
 *   <li>target x0 = (1−m)·M + m·c: the masked-image latents where the mask is 0, the prompt
 *       colour where it is 1 (linear in between).
 *   <li>out_sample = {@link #DENOISE_EFFICIENCY}·(x − x0)/σ: 90% of the exact epsilon.
 * </ol>
 *
 * So a sampling loop ends on x0 up to a small residual of the starting noise (about 0.01 per
 * latent cell for 20 Euler steps at strength 0.99, i.e. a pixel noise of about two levels), as a
 * real model leaves some of it: the seed, the strength and the sampler change the bytes, while
 * averages over a patch stay on x0. With classifier-free guidance g the masked cells end on
 * c_u + g·(c_c − c_u). Channel order, the mask, the masked-image latents, guidance, negative
 * prompts and time_ids all show in the result. Each step's x0 prediction x − σ·eps (a preview)
 * is x0 + 0.1·(x − x0) when the input is scaled, and far off when scale_model_input is
 * forgotten.
 */
public final class TinySdxl {

  /**
   * The fraction of the exact epsilon the UNet predicts: below 1 so that some of the starting
   * noise survives the loop and the seed and strength show in the output.
   */
  public static final float DENOISE_EFFICIENCY = 0.9f;

  /** {@code scaling_factor} of the VAE configs. */
  public static final float SCALING_FACTOR = 0.13025f;
  /** The encoder's logvar in every latent cell. */
  public static final float LOGVAR = -12f;
  /**
   * Scaled latent of an RGB colour in [−1, 1], [4][3]: rows are latent channels; the last is
   * luminance (0.299, 0.587, 0.114).
   */
  static final double[][] RGB_TO_LATENT = {
      {0.50, 0.30, 0.10},
      {0.20, -0.40, 0.40},
      {-0.30, 0.10, 0.50},
      {0.299, 0.587, 0.114}};

  /** Rad per token id of embedding channel 0; channel d runs 16 octaves lower at d = D. */
  static final double TOKEN_FREQUENCY = 1.7;
  static final double TOKEN_OCTAVES = 16;
  /** Phase step between embedding channels, rad. */
  static final double TOKEN_PHASE_STEP = 0.61;
  static final double POSITION_GAIN = 0.3;
  /** Rad per position of channel 0; channel d runs 6 octaves lower at d = D. */
  static final double POSITION_FREQUENCY = 0.2;
  static final double POSITION_OCTAVES = 6;
  /** Amplitude of each layer's signature 0.05·sin(0.9·i + 0.37·d). */
  static final double LAYER_SIGNATURE_GAIN = 0.05;
  static final double LAYER_SIGNATURE_STEP = 0.9;
  static final double LAYER_SIGNATURE_PHASE = 0.37;
  static final float LAYER_NORM_EPSILON = 1e-5f;
  /** text_embeds[k] = SELF·v[k] + MIRROR·v[D−1−k]. */
  static final float PROJECTION_SELF = 0.8f;
  static final float PROJECTION_MIRROR = 0.6f;

  /** Amplitude of the prompt's latent colour before guidance. */
  public static final float PROMPT_COLOUR_GAIN = 0.12f;
  /** Pre-tanh colour of {@link #REFERENCE_PROMPT}. */
  static final float[] PROMPT_COLOUR_BIAS = {0.4f, -0.3f, 0.2f, -0.1f};
  /** Width of encoder_hidden_states: CLIP-L's 768 then bigG's 1280. */
  static final int HIDDEN_FEATURES = SdxlContracts.TEXT_HIDDEN + SdxlContracts.TEXT_2_HIDDEN;
  /** Features of the colour: the mean of encoder_hidden_states, then text_embeds. */
  static final int COLOUR_FEATURES = HIDDEN_FEATURES + SdxlContracts.TEXT_2_HIDDEN;
  static final long PROMPT_PROJECTION_SEED = 0x5D1L;
  /** The prompt whose colour is exactly GAIN·tanh(bias) (at neutral time_ids). */
  public static final String REFERENCE_PROMPT = "a photo";
  /** Scale of the projection: pre-tanh colours spread by about 1 across prompts. */
  static final double PROMPT_PROJECTION_GAIN = 3.0;
  /** Latent colour shift per 1024 px of each time id, [4][6]. */
  static final float[][] TIME_IDS_SHIFT = {
      {0.06f, -0.04f, 0.03f, 0.02f, 0.05f, -0.03f},
      {-0.03f, 0.06f, -0.02f, 0.03f, -0.04f, 0.05f},
      {0.04f, 0.02f, 0.05f, -0.04f, 0.03f, 0.02f},
      {0.02f, -0.05f, -0.03f, 0.05f, -0.02f, 0.04f}};
  /** time_ids that give no shift: 1024x1024, uncropped. */
  static final float[] TIME_IDS_NEUTRAL = {1024, 1024, 0, 0, 1024, 1024};
  static final float TIME_IDS_UNIT = 1024f;

  /** SDXL's training schedule (contract B8). */
  static final int TRAIN_STEPS = 1000;
  static final double BETA_START = 0.00085;
  static final double BETA_END = 0.012;

  private TinySdxl() {}

  /** The scaled latent (what the pipeline works with) of a flat RGB colour in [−1, 1]. */
  public static float[] latentOfRgb(float r, float g, float b) {
    float[] latent = new float[4];
    for (int k = 0; k < 4; k++) {
      double[] row = RGB_TO_LATENT[k];
      latent[k] = (float) (row[0] * r + row[1] * g + row[2] * b);
    }
    return latent;
  }

  /** The RGB in [−1, 1] (unclamped) that a flat scaled latent decodes to. */
  public static float[] rgbOfLatent(float[] scaledLatent) {
    double[][] inverse = latentToRgb();
    float[] rgb = new float[3];
    for (int c = 0; c < 3; c++) {
      double sum = 0;
      for (int k = 0; k < 4; k++) {
        sum += inverse[c][k] * scaledLatent[k];
      }
      rgb[c] = (float) sum;
    }
    return rgb;
  }

  /**
   * The UNet's latent colour for one batch row: {@code meanHidden} is the mean over the sequence
   * of encoder_hidden_states [2048], {@code textEmbeds} [1280], {@code timeIds} [6].
   */
  public static float[] promptColour(float[] meanHidden, float[] textEmbeds, float[] timeIds) {
    float[] projection = ColourWeights.PROJECTION;
    double[] centre = ColourWeights.REFERENCE;
    float[] colour = new float[4];
    for (int k = 0; k < 4; k++) {
      double z = PROMPT_COLOUR_BIAS[k];
      for (int f = 0; f < COLOUR_FEATURES; f++) {
        float feature = f < HIDDEN_FEATURES ? meanHidden[f] : textEmbeds[f - HIDDEN_FEATURES];
        z += (feature - centre[f]) * projection[f * 4 + k];
      }
      double shift = 0;
      for (int i = 0; i < 6; i++) {
        shift += TIME_IDS_SHIFT[k][i] * (timeIds[i] / TIME_IDS_UNIT - TIME_IDS_NEUTRAL[i]
            / TIME_IDS_UNIT);
      }
      colour[k] = (float) (PROMPT_COLOUR_GAIN * Math.tanh(z) + shift);
    }
    return colour;
  }

  /** W of {@link #promptColour}, [3328][4] row-major. */
  static float[] promptProjection() {
    return ColourWeights.PROJECTION.clone();
  }

  /** The pre-tanh bias of the graph: bias − f_ref·W, with f_ref folded in. */
  static float[] foldedColourBias() {
    float[] folded = new float[4];
    for (int k = 0; k < 4; k++) {
      double z = PROMPT_COLOUR_BIAS[k];
      for (int f = 0; f < COLOUR_FEATURES; f++) {
        z -= ColourWeights.REFERENCE[f] * ColourWeights.PROJECTION[f * 4 + k];
      }
      folded[k] = (float) z;
    }
    return folded;
  }

  /**
   * f_ref: the colour features of {@link #REFERENCE_PROMPT} as diffusers encodes it with the
   * tiny tokenizers (BOS, the words, EOS, then pads 49407 for text_encoder and 0 for
   * text_encoder_2; 77 tokens), [3328].
   */
  static double[] referencePromptFeatures() {
    TinyClipVocab vocab = TinyClipVocab.build();
    int tokens = SdxlContracts.TOKENS;
    long[] clipL = new long[tokens];
    long[] bigG = new long[tokens];
    Arrays.fill(clipL, TinyClipVocab.EOS);
    clipL[0] = TinyClipVocab.BOS;
    bigG[0] = TinyClipVocab.BOS;
    String[] words = REFERENCE_PROMPT.split(" ");
    for (int i = 0; i < words.length; i++) {
      long id = vocab.ids().get(words[i] + TinyClipVocab.END_OF_WORD);
      clipL[1 + i] = id;
      bigG[1 + i] = id;
    }
    bigG[1 + words.length] = TinyClipVocab.EOS;
    TinyClipMath first = TinyClipMath.encode(clipL, SdxlContracts.TEXT_HIDDEN,
        SdxlContracts.TEXT_LAYERS);
    TinyClipMath second = TinyClipMath.encode(bigG, SdxlContracts.TEXT_2_HIDDEN,
        SdxlContracts.TEXT_2_LAYERS);
    double[] features = new double[COLOUR_FEATURES];
    System.arraycopy(first.meanOverSequence(SdxlContracts.TEXT_LAYERS - 1), 0, features, 0,
        SdxlContracts.TEXT_HIDDEN);
    System.arraycopy(second.meanOverSequence(SdxlContracts.TEXT_2_LAYERS - 1), 0, features,
        SdxlContracts.TEXT_HIDDEN, SdxlContracts.TEXT_2_HIDDEN);
    System.arraycopy(second.textEmbeds(), 0, features, HIDDEN_FEATURES,
        SdxlContracts.TEXT_2_HIDDEN);
    return features;
  }

  private static float[] seededProjection() {
    Random random = new Random(PROMPT_PROJECTION_SEED);
    float[] w = new float[COLOUR_FEATURES * 4];
    double scale = PROMPT_PROJECTION_GAIN / Math.sqrt(COLOUR_FEATURES);
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) (random.nextGaussian() * scale);
    }
    return w;
  }

  /** pinv(RGB_TO_LATENT) = (AᵀA)⁻¹Aᵀ, [3][4]. */
  static double[][] latentToRgb() {
    double[][] a = RGB_TO_LATENT;
    double[][] ata = new double[3][3];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        for (int k = 0; k < 4; k++) {
          ata[i][j] += a[k][i] * a[k][j];
        }
      }
    }
    double[][] inv = invert3(ata);
    double[][] pinv = new double[3][4];
    for (int i = 0; i < 3; i++) {
      for (int k = 0; k < 4; k++) {
        for (int j = 0; j < 3; j++) {
          pinv[i][k] += inv[i][j] * a[k][j];
        }
      }
    }
    return pinv;
  }

  /** σ_train(t) for t = 0..999 in float64 (contract B8). */
  static double[] trainingSigmas() {
    double[] sigmas = new double[TRAIN_STEPS];
    double from = Math.sqrt(BETA_START);
    double to = Math.sqrt(BETA_END);
    double alphaBar = 1;
    for (int t = 0; t < TRAIN_STEPS; t++) {
      double root = from + (to - from) * t / (TRAIN_STEPS - 1);
      alphaBar *= 1 - root * root;
      sigmas[t] = Math.sqrt((1 - alphaBar) / alphaBar);
    }
    return sigmas;
  }

  // Computed once, on first use; never modified (callers get copies).
  private static final class ColourWeights {
    static final float[] PROJECTION = seededProjection();
    static final double[] REFERENCE = referencePromptFeatures();
  }

  private static double[][] invert3(double[][] m) {
    double det = m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
        - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
        + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
    double[][] inv = new double[3][3];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        // Cofactor of m[j][i] (transposed for the adjugate).
        int r0 = (j + 1) % 3;
        int r1 = (j + 2) % 3;
        int c0 = (i + 1) % 3;
        int c1 = (i + 2) % 3;
        inv[i][j] = (m[r0][c0] * m[r1][c1] - m[r0][c1] * m[r1][c0]) / det;
      }
    }
    return inv;
  }
}
