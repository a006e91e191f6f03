package org.segfill.engine.sdxl;

import static org.segfill.engine.backend.TensorSpec.DYNAMIC;

import java.util.ArrayList;
import java.util.List;
import org.segfill.engine.backend.DType;
import org.segfill.engine.backend.GraphContract;
import org.segfill.engine.backend.TensorSpec;

/**
 * The graph interfaces of the SDXL Inpainting 0.1 bundle as the current Optimum exporter
 * (optimum-onnx, or optimum 1.24 and later) writes them: model contract part E2. Float tensors
 * may be float16 in an fp16 export. Bundle validation, the tiny test bundle and the pipeline all
 * read these.
 */
public final class SdxlContracts {

  /** Hidden size of text_encoder (CLIP ViT-L). */
  public static final int TEXT_HIDDEN = 768;
  /** Hidden size of text_encoder_2 (OpenCLIP bigG), and its projection size. */
  public static final int TEXT_2_HIDDEN = 1280;
  /** Layers of text_encoder; its penultimate hidden state is hidden_states.11. */
  public static final int TEXT_LAYERS = 12;
  /** Layers of text_encoder_2; its penultimate hidden state is hidden_states.31. */
  public static final int TEXT_2_LAYERS = 32;
  /** Tokens per prompt (CLIP's model_max_length). */
  public static final int TOKENS = 77;
  /** UNet input channels: 4 latents, 1 mask, 4 masked-image latents. */
  public static final int UNET_IN_CHANNELS = 9;
  /** Latent channels. */
  public static final int LATENT_CHANNELS = 4;
  /** Image pixels per latent cell, per side. */
  public static final int VAE_SCALE = 8;

  private SdxlContracts() {}

  /** {@code text_encoder/model.onnx}: CLIP-L text model with every hidden state. */
  public static GraphContract textEncoder() {
    return new GraphContract("text_encoder/model.onnx", List.of(inputIds()),
        List.of(f32("hidden_states." + (TEXT_LAYERS - 1), DYNAMIC, DYNAMIC, TEXT_HIDDEN)), true);
  }

  /** {@code text_encoder_2/model.onnx}: bigG text model with projection. */
  public static GraphContract textEncoder2() {
    return new GraphContract("text_encoder_2/model.onnx", List.of(inputIds()),
        List.of(f32("text_embeds", DYNAMIC, TEXT_2_HIDDEN),
            f32("hidden_states." + (TEXT_2_LAYERS - 1), DYNAMIC, DYNAMIC, TEXT_2_HIDDEN)),
        true);
  }

  /** {@code unet/model.onnx}: the 9-channel inpainting UNet with a rank-0 float timestep. */
  public static GraphContract unet() {
    return new GraphContract("unet/model.onnx",
        List.of(f32("sample", DYNAMIC, UNET_IN_CHANNELS, DYNAMIC, DYNAMIC),
            new TensorSpec("timestep", DType.FLOAT32, new long[0]),
            f32("encoder_hidden_states", DYNAMIC, DYNAMIC, TEXT_HIDDEN + TEXT_2_HIDDEN),
            f32("text_embeds", DYNAMIC, TEXT_2_HIDDEN),
            f32("time_ids", DYNAMIC, 6)),
        List.of(f32("out_sample", DYNAMIC, LATENT_CHANNELS, DYNAMIC, DYNAMIC)), true);
  }

  /** {@code vae_encoder/model.onnx}: image in [-1, 1] to mean and logvar (8 channels). */
  public static GraphContract vaeEncoder() {
    return new GraphContract("vae_encoder/model.onnx",
        List.of(f32("sample", DYNAMIC, 3, DYNAMIC, DYNAMIC)),
        List.of(f32("latent_parameters", DYNAMIC, 2 * LATENT_CHANNELS, DYNAMIC, DYNAMIC)), true);
  }

  /** {@code vae_decoder/model.onnx}: latents (already divided by the scaling factor) to image. */
  public static GraphContract vaeDecoder() {
    return new GraphContract("vae_decoder/model.onnx",
        List.of(f32("latent_sample", DYNAMIC, LATENT_CHANNELS, DYNAMIC, DYNAMIC)),
        List.of(f32("sample", DYNAMIC, 3, DYNAMIC, DYNAMIC)), true);
  }

  /** Every graph of the bundle, in pipeline order. */
  public static List<GraphContract> all() {
    return List.of(textEncoder(), textEncoder2(), unet(), vaeEncoder(), vaeDecoder());
  }

  /**
   * Every output name the real export declares for a text encoder with {@code layers} layers:
   * the ones the pipeline reads plus the rest ({@code hidden_states.0} .. {@code .layers}).
   */
  public static List<String> hiddenStateNames(int layers) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i <= layers; i++) {
      names.add("hidden_states." + i);
    }
    return names;
  }

  private static TensorSpec inputIds() {
    return new TensorSpec("input_ids", DType.INT64, new long[] {DYNAMIC, DYNAMIC});
  }

  private static TensorSpec f32(String name, long... shape) {
    return new TensorSpec(name, DType.FLOAT32, shape);
  }
}
