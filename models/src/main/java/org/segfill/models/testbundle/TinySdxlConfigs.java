package org.segfill.models.testbundle;

import static org.segfill.models.testbundle.JsonFiles.object;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.segfill.engine.sdxl.SdxlContracts;

/**
 * Writes the JSON configs of the tiny SDXL bundle with the values of the real
 * {@code diffusers/stable-diffusion-xl-1.0-inpainting-0.1} Optimum export (contract B1, B8,
 * E1a): {@code model_index.json}, the Euler {@code scheduler_config.json}, and one
 * {@code config.json} next to each graph, as optimum's ORT pipeline requires.
 */
final class TinySdxlConfigs {

  private static final String DIFFUSERS_VERSION = "0.21.0.dev0";
  private static final String TRANSFORMERS_VERSION = "4.34.0";

  private TinySdxlConfigs() {}

  static void write(Path dir) throws IOException {
    // Optimum saves the original pipeline config: it still names "vae", not the two halves.
    JsonFiles.write(dir.resolve("model_index.json"), object(
        "_class_name", "StableDiffusionXLInpaintPipeline",
        "_diffusers_version", DIFFUSERS_VERSION,
        "force_zeros_for_empty_prompt", true,
        "requires_aesthetics_score", false,
        "scheduler", List.of("diffusers", "EulerDiscreteScheduler"),
        "text_encoder", List.of("transformers", "CLIPTextModel"),
        "text_encoder_2", List.of("transformers", "CLIPTextModelWithProjection"),
        "tokenizer", List.of("transformers", "CLIPTokenizer"),
        "tokenizer_2", List.of("transformers", "CLIPTokenizer"),
        "unet", List.of("diffusers", "UNet2DConditionModel"),
        "vae", List.of("diffusers", "AutoencoderKL")));
    JsonFiles.write(dir.resolve("scheduler/scheduler_config.json"), scheduler());
    JsonFiles.write(dir.resolve("text_encoder/config.json"), textEncoder("CLIPTextModel",
        "clip-text", SdxlContracts.TEXT_HIDDEN, SdxlContracts.TEXT_LAYERS, 12, 3072,
        "quick_gelu", SdxlContracts.TEXT_HIDDEN));
    JsonFiles.write(dir.resolve("text_encoder_2/config.json"), textEncoder(
        "CLIPTextModelWithProjection", "clip-text-with-projection",
        SdxlContracts.TEXT_2_HIDDEN, SdxlContracts.TEXT_2_LAYERS, 20, 5120, "gelu",
        SdxlContracts.TEXT_2_HIDDEN));
    JsonFiles.write(dir.resolve("unet/config.json"), unet());
    JsonFiles.write(dir.resolve("vae_encoder/config.json"), vae());
    JsonFiles.write(dir.resolve("vae_decoder/config.json"), vae());
  }

  private static Map<String, Object> scheduler() {
    return object(
        "_class_name", "EulerDiscreteScheduler",
        "_diffusers_version", DIFFUSERS_VERSION,
        "beta_end", 0.012,
        "beta_schedule", "scaled_linear",
        "beta_start", 0.00085,
        "clip_sample", false,
        "interpolation_type", "linear",
        "num_train_timesteps", 1000,
        "prediction_type", "epsilon",
        "sample_max_value", 1.0,
        "set_alpha_to_one", false,
        "skip_prk_steps", true,
        "steps_offset", 1,
        "timestep_spacing", "leading",
        "trained_betas", null,
        "use_karras_sigmas", false);
  }

  // transformers' CLIPTextConfig as saved by the SDXL export, which sets output_hidden_states.
  private static Map<String, Object> textEncoder(String architecture, String exportType,
      int hidden, int layers, int heads, int intermediate, String activation,
      int projection) {
    return object(
        "_name_or_path", "segfill tiny test SDXL",
        "architectures", List.of(architecture),
        "attention_dropout", 0.0,
        "bos_token_id", 0,
        "dropout", 0.0,
        "eos_token_id", 2,
        "export_model_type", exportType,
        "hidden_act", activation,
        "hidden_size", hidden,
        "initializer_factor", 1.0,
        "initializer_range", 0.02,
        "intermediate_size", intermediate,
        "layer_norm_eps", 1e-05,
        "max_position_embeddings", SdxlContracts.TOKENS,
        "model_type", "clip_text_model",
        "num_attention_heads", heads,
        "num_hidden_layers", layers,
        "output_hidden_states", true,
        "pad_token_id", 1,
        "projection_dim", projection,
        "torch_dtype", "float32",
        "transformers_version", TRANSFORMERS_VERSION,
        "vocab_size", 49408);
  }

  private static Map<String, Object> unet() {
    return object(
        "_class_name", "UNet2DConditionModel",
        "_diffusers_version", DIFFUSERS_VERSION,
        "_name_or_path", "segfill tiny test SDXL",
        "act_fn", "silu",
        "addition_embed_type", "text_time",
        "addition_embed_type_num_heads", 64,
        "addition_time_embed_dim", 256,
        "attention_head_dim", List.of(5, 10, 20),
        "block_out_channels", List.of(320, 640, 1280),
        "center_input_sample", false,
        "class_embed_type", null,
        "cross_attention_dim", SdxlContracts.TEXT_HIDDEN + SdxlContracts.TEXT_2_HIDDEN,
        "down_block_types", List.of("DownBlock2D", "CrossAttnDownBlock2D",
            "CrossAttnDownBlock2D"),
        "flip_sin_to_cos", true,
        "freq_shift", 0,
        "in_channels", SdxlContracts.UNET_IN_CHANNELS,
        "layers_per_block", 2,
        "mid_block_type", "UNetMidBlock2DCrossAttn",
        "norm_eps", 1e-05,
        "norm_num_groups", 32,
        "out_channels", SdxlContracts.LATENT_CHANNELS,
        "projection_class_embeddings_input_dim", 6 * 256 + SdxlContracts.TEXT_2_HIDDEN,
        "sample_size", 128,
        "time_cond_proj_dim", null,
        "transformer_layers_per_block", List.of(1, 2, 10),
        "up_block_types", List.of("CrossAttnUpBlock2D", "CrossAttnUpBlock2D", "UpBlock2D"),
        "use_linear_projection", true);
  }

  private static Map<String, Object> vae() {
    List<String> down = List.of("DownEncoderBlock2D", "DownEncoderBlock2D",
        "DownEncoderBlock2D", "DownEncoderBlock2D");
    List<String> up = List.of("UpDecoderBlock2D", "UpDecoderBlock2D", "UpDecoderBlock2D",
        "UpDecoderBlock2D");
    return object(
        "_class_name", "AutoencoderKL",
        "_diffusers_version", DIFFUSERS_VERSION,
        "_name_or_path", "segfill tiny test SDXL",
        "act_fn", "silu",
        "block_out_channels", List.of(128, 256, 512, 512),
        "down_block_types", down,
        "force_upcast", false,
        "in_channels", 3,
        "latent_channels", SdxlContracts.LATENT_CHANNELS,
        "layers_per_block", 2,
        "norm_num_groups", 32,
        "out_channels", 3,
        "sample_size", 512,
        // Through the float's shortest decimal form, so the file says 0.13025 exactly.
        "scaling_factor", Double.valueOf(Float.toString(TinySdxl.SCALING_FACTOR)),
        "up_block_types", up);
  }
}
