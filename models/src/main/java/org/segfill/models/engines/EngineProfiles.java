package org.segfill.models.engines;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.segfill.engine.backend.GraphContract;
import org.segfill.engine.backend.TensorSpec;
import org.segfill.engine.backend.tensorrt.InputShapes;
import org.segfill.engine.sam.SamContracts;
import org.segfill.engine.sam.SamLayout;
import org.segfill.engine.sdxl.InpaintRequest;
import org.segfill.engine.sdxl.SdxlContracts;
import org.segfill.engine.segment.Prompt;
import org.segfill.models.engines.GraphPlan.ImageInput;

/**
 * The optimisation profiles of every plan, per graph and bundle layout, sized to what the
 * pipelines run (issue 12) because TensorRT reserves activation memory for each profile's largest
 * shapes. SAM: the encoder static at 1x3x1024x1024; the decoder 1 to 66 points (sam-onnx: 64
 * clicks, {@link Prompt#MAX_POINTS}, plus the two box corners or the pad point) or 1 to 64 (hf:
 * the graph appends the pad point itself and takes no box). SDXL: the text encoders batch 1
 * ({@code PromptEncoder} encodes one prompt per run); the UNet batch 1 to 8 (up to 4 variants,
 * twice with classifier-free guidance: {@code DenoiseLoop}); the VAE encoder batch 1 ({@code
 * VaeCodec.encode} runs the one image and samples it per variant); the VAE decoder batch 1
 * ({@code VaeCodec.decode} decodes one variant per run, a quarter of a batch of four's
 * activation memory). The UNet and the VAE get one profile
 * per {@link SizeBand}: the five {@link BucketBands} by default, or one bucket for {@code
 * --static}. The VAE is fp32/TF32 unless fp16-safe (contract part 0 item 9).
 */
public final class EngineProfiles {

  /** Most points a sam-onnx decoder run takes: 64 clicks and two box corners (or the pad). */
  public static final long MAX_POINTS = Prompt.MAX_POINTS + 2;
  /** Most points an hf decoder run takes: the clicks alone (the graph adds the pad point). */
  public static final long MAX_HF_POINTS = Prompt.MAX_POINTS;
  /** Largest UNet batch: every variant twice, the negative half first, with guidance. */
  public static final long MAX_UNET_BATCH = 2L * InpaintRequest.MAX_COUNT;
  /**
   * The variant count the builder tunes for: product.md's default (the API's {@code count}
   * default), with guidance on, as it is by default (7.5): UNet batch 6.
   */
  public static final long OPT_VARIANTS = 3;

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
                  new long[] {1, 1, MAX_HF_POINTS, 2}),
              new InputShapes("input_labels", new long[] {1, 1, 1}, new long[] {1, 1, 2},
                  new long[] {1, 1, MAX_HF_POINTS}),
              InputShapes.fixed("image_embeddings", 1, EMBED, EMBED_SIDE, EMBED_SIDE),
              InputShapes.fixed("image_positional_embeddings", 1, EMBED, EMBED_SIDE,
                  EMBED_SIDE)));
    };
  }

  /**
   * The five plans of an SDXL inpainting bundle, with one UNet and VAE profile per bucket band.
   *
   * @param vaeFp16Safe whether the VAE may run in fp16 (its config says {@code force_upcast:
   *     false}); otherwise the VAE plans are fp32 with TF32
   */
  public static List<GraphPlan> sdxl(boolean vaeFp16Safe) {
    return sdxl(vaeFp16Safe, BucketBands.all());
  }

  /**
   * The five plans of an SDXL inpainting bundle, with one UNet and VAE profile per band of
   * {@code sizes} (in that order; TensorRT's runtime takes the first that fits).
   */
  public static List<GraphPlan> sdxl(boolean vaeFp16Safe, List<SizeBand> sizes) {
    long tokens = SdxlContracts.TOKENS;
    long hidden = SdxlContracts.TEXT_HIDDEN + SdxlContracts.TEXT_2_HIDDEN;
    long pooled = SdxlContracts.TEXT_2_HIDDEN;
    long unetOpt = 2 * OPT_VARIANTS;
    return List.of(
        plan(SdxlContracts.textEncoder(), "text_encoder.plan", true,
            InputShapes.fixed("input_ids", 1, tokens)),
        plan(SdxlContracts.textEncoder2(), "text_encoder_2.plan", true,
            InputShapes.fixed("input_ids", 1, tokens)),
        banded(SdxlContracts.unet(), "unet.plan", true, sizes,
            new ImageInput("sample", SCALE), band -> List.of(
                image("sample", SdxlContracts.UNET_IN_CHANNELS, 1, band, MAX_UNET_BATCH,
                    unetOpt),
                batch("encoder_hidden_states", MAX_UNET_BATCH, unetOpt, tokens, hidden),
                batch("text_embeds", MAX_UNET_BATCH, unetOpt, pooled),
                batch("time_ids", MAX_UNET_BATCH, unetOpt, 6))),
        banded(SdxlContracts.vaeEncoder(), "vae_encoder.plan", vaeFp16Safe, sizes,
            new ImageInput("sample", 1),
            band -> List.of(image("sample", 3, SCALE, band, 1, 1))),
        banded(SdxlContracts.vaeDecoder(), "vae_decoder.plan", vaeFp16Safe, sizes,
            new ImageInput("latent_sample", SCALE),
            band -> List.of(image("latent_sample", SdxlContracts.LATENT_CHANNELS, 1, band,
                1, 1))));
  }

  // Batch 1..max (tuned for opt) over fixed trailing axes.
  private static InputShapes batch(String input, long max, long opt, long... rest) {
    return new InputShapes(input, prepend(1, rest), prepend(opt, rest), prepend(max, rest));
  }

  // [batch, channels, H, W] over the band's latent box, times `scale` (8 for pixels).
  private static InputShapes image(String input, long channels, long scale, SizeBand band,
      long maxBatch, long optBatch) {
    return new InputShapes(input,
        new long[] {1, channels, band.minHeight() * scale, band.minWidth() * scale},
        new long[] {optBatch, channels, band.opt().latentHeight() * scale,
            band.opt().latentWidth() * scale},
        new long[] {maxBatch, channels, band.maxHeight() * scale, band.maxWidth() * scale});
  }

  private static long[] prepend(long first, long... rest) {
    long[] all = new long[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }

  private static GraphPlan plan(GraphContract contract, String file, boolean fp16,
      InputShapes... shapes) {
    return new GraphPlan(contract.file(), file, fp16, outputs(contract),
        List.of(List.of(shapes)));
  }

  private static GraphPlan banded(GraphContract contract, String file, boolean fp16,
      List<SizeBand> sizes, ImageInput image, Function<SizeBand, List<InputShapes>> profile) {
    if (sizes.isEmpty()) {
      throw new IllegalArgumentException(contract.file() + ": at least one size band is needed");
    }
    List<List<InputShapes>> profiles = new ArrayList<>();
    for (SizeBand band : sizes) {
      profiles.add(profile.apply(band));
    }
    return new GraphPlan(contract.file(), file, fp16, outputs(contract), profiles,
        sizes.stream().map(SizeBand::name).toList(), image);
  }

  private static Set<String> outputs(GraphContract contract) {
    return Set.copyOf(contract.outputs().stream().map(TensorSpec::name).toList());
  }
}
