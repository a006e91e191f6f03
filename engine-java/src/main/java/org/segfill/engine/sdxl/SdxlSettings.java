package org.segfill.engine.sdxl;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What an SDXL bundle's configuration files say that changes the pipeline's numbers (model
 * contract B1, B3, B9 and part 0 items 4 and 9), read at load time rather than assumed.
 *
 * @param forceZerosForEmptyPrompt {@code model_index.json}: an absent negative prompt gives zero
 *     embeddings instead of encoding ""
 * @param vaeScalingFactor the VAE's {@code scaling_factor} (0.13025 for SDXL)
 * @param vaeForceUpcast the VAE's {@code force_upcast}: run it in fp32 even in an fp16 bundle
 * @param schedulerConfig {@code scheduler/scheduler_config.json}
 * @param tokenizer the CLIP-L tokenizer folder
 * @param tokenizer2 the bigG tokenizer folder
 */
public record SdxlSettings(boolean forceZerosForEmptyPrompt, double vaeScalingFactor,
    boolean vaeForceUpcast, Path schedulerConfig, Path tokenizer, Path tokenizer2) {

  /** SDXL's VAE scaling factor, used when the bundle's config does not say. */
  public static final double SDXL_VAE_SCALING_FACTOR = 0.13025;

  public SdxlSettings {
    Objects.requireNonNull(schedulerConfig, "schedulerConfig");
    Objects.requireNonNull(tokenizer, "tokenizer");
    Objects.requireNonNull(tokenizer2, "tokenizer2");
    if (!(vaeScalingFactor > 0) || !Double.isFinite(vaeScalingFactor)) {
      throw new IllegalArgumentException("vae scaling_factor: must be a positive number, got "
          + vaeScalingFactor);
    }
  }
}
