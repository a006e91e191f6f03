package org.segfill.models.engines;

import java.util.List;
import java.util.Set;
import org.segfill.engine.backend.GraphContract;
import org.segfill.engine.backend.TensorSpec;
import org.segfill.engine.backend.tensorrt.InputShapes;
import org.segfill.engine.sam.SamContracts;
import org.segfill.engine.sam.SamLayout;
import org.segfill.engine.sdxl.SdxlContracts;

/**
 * The optimisation profiles of every plan, per graph and bundle layout (issue #6): the SAM
 * encoder static at 1x3x1024x1024; the SAM decoder 1 to 66 points (64 clicks plus the pad point
 * or the two box corners); the text encoders batch 1-8; the UNet batch 1-8 (two CFG copies of up
 * to four images, or eight without CFG) and latent sides 64-256, optimum 128, which covers every
 * SDXL bucket of contract part 0 item 7; the VAE the same image range, fp32/TF32 unless the VAE
 * is fp16-safe (contract part 0 item 9).
 */
public final class EngineProfiles {

  /** Most points a SAM decoder run takes: 64 clicks and the pad point (or two box corners). */
  public static final long MAX_POINTS = 66;
  /** Largest batch of the text encoders, the UNet and the VAE. */
  public static final long MAX_BATCH = 8;
  /** Smallest, optimum and largest latent side (bucket sides 512 to 2048 pixels). */
  public static final long LATENT_MIN = 64;
  public static final long LATENT_OPT = 128;
  public static final long LATENT_MAX = 256;

  private static final long SAM_SIDE = 1024;
  private static final long EMBED = 256;
  private static final long EMBED_SIDE = 64;
  private static final int SCALE = SdxlContracts.VAE_SCALE;

  private EngineProfiles() {}

  /** The two plans of a SAM bundle of {@code layout}. */
  public static List<GraphPlan> sam(SamLayout layout) {
    GraphContract enc = SamContracts.encoder(layout);
    GraphContract dec = SamContracts.decoder(layout);
    return switch (layout) {
      case SAM_ONNX -> List.of(
          plan(enc, "sam_encoder.plan", true,
              InputShapes.fixed("image", 1, 3, SAM_SIDE, SAM_SIDE)),
          plan(dec, "sam_decoder.plan", true,
              InputShapes.fixed("image_embeddings", 1, EMBED, EMBED_SIDE, EMBED_SIDE),
              new InputShapes("point_coords", new long[] {1, 1, 2}, new long[] {1, 2, 2},
                  new long[] {1, MAX_POINTS, 2}),
              new InputShapes("point_labels", new long[] {1, 1}, new long[] {1, 2},
                  new long[] {1, MAX_POINTS}),
              InputShapes.fixed("mask_input", 1, 1, 4 * EMBED_SIDE, 4 * EMBED_SIDE),
              InputShapes.fixed("has_mask_input", 1),
              InputShapes.fixed("orig_im_size", 2)));
      case HF -> List.of(
          plan(enc, "sam_vision_encoder.plan", true,
              InputShapes.fixed("pixel_values", 1, 3, SAM_SIDE, SAM_SIDE)),
          plan(dec, "sam_prompt_decoder.plan", true,
              new InputShapes("input_points", new long[] {1, 1, 1, 2}, new long[] {1, 1, 2, 2},
                  new long[] {1, 1, MAX_POINTS, 2}),
              new InputShapes("input_labels", new long[] {1, 1, 1}, new long[] {1, 1, 2},
                  new long[] {1, 1, MAX_POINTS}),
              InputShapes.fixed("image_embeddings", 1, EMBED, EMBED_SIDE, EMBED_SIDE),
              InputShapes.fixed("image_positional_embeddings", 1, EMBED, EMBED_SIDE,
                  EMBED_SIDE)));
    };
  }

  /**
   * The five plans of an SDXL inpainting bundle.
   *
   * @param vaeFp16Safe whether the VAE may run in fp16 (its config says {@code force_upcast:
   *     false}); otherwise the VAE plans are fp32 with TF32
   */
  public static List<GraphPlan> sdxl(boolean vaeFp16Safe) {
    long tokens = SdxlContracts.TOKENS;
    long hidden = SdxlContracts.TEXT_HIDDEN + SdxlContracts.TEXT_2_HIDDEN;
    long pooled = SdxlContracts.TEXT_2_HIDDEN;
    return List.of(
        plan(SdxlContracts.textEncoder(), "text_encoder.plan", true,
            batch("input_ids", 1, tokens)),
        plan(SdxlContracts.textEncoder2(), "text_encoder_2.plan", true,
            batch("input_ids", 1, tokens)),
        plan(SdxlContracts.unet(), "unet.plan", true,
            latents("sample", SdxlContracts.UNET_IN_CHANNELS, 1),
            batch("encoder_hidden_states", 2, tokens, hidden),
            batch("text_embeds", 2, pooled),
            batch("time_ids", 2, 6)),
        plan(SdxlContracts.vaeEncoder(), "vae_encoder.plan", vaeFp16Safe,
            latents("sample", 3, SCALE)),
        plan(SdxlContracts.vaeDecoder(), "vae_decoder.plan", vaeFp16Safe,
            latents("latent_sample", SdxlContracts.LATENT_CHANNELS, 1)));
  }

  // Batch 1..8 (optimum `opt`) over fixed trailing axes.
  private static InputShapes batch(String input, long opt, long... rest) {
    return new InputShapes(input, prepend(1, rest), prepend(opt, rest),
        prepend(MAX_BATCH, rest));
  }

  // [batch, channels, side, side] with sides over the latent range times `scale` (8 for pixels).
  private static InputShapes latents(String input, long channels, long scale) {
    long min = LATENT_MIN * scale;
    long opt = LATENT_OPT * scale;
    long max = LATENT_MAX * scale;
    return new InputShapes(input, new long[] {1, channels, min, min},
        new long[] {input.equals("sample") && channels == SdxlContracts.UNET_IN_CHANNELS ? 2 : 1,
            channels, opt, opt},
        new long[] {MAX_BATCH, channels, max, max});
  }

  private static long[] prepend(long first, long... rest) {
    long[] all = new long[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }

  private static GraphPlan plan(GraphContract contract, String file, boolean fp16,
      InputShapes... shapes) {
    Set<String> keep = Set.copyOf(contract.outputs().stream().map(TensorSpec::name).toList());
    return new GraphPlan(contract.file(), file, fp16, keep, List.of(List.of(shapes)));
  }
}
