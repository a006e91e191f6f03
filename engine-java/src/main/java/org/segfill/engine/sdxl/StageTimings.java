package org.segfill.engine.sdxl;

/**
 * Where one generation's time went, in nanoseconds, by stage: preparing the images and masks,
 * encoding the prompts, the VAE encoder, the denoising loop, the VAE decoder, and the
 * paste-back (resize, colour match, blend) of every variant.
 */
public record StageTimings(long prepareNanos, long promptNanos, long vaeEncodeNanos,
    long denoiseNanos, long vaeDecodeNanos, long pasteNanos) {

  public long totalNanos() {
    return prepareNanos + promptNanos + vaeEncodeNanos + denoiseNanos + vaeDecodeNanos
        + pasteNanos;
  }
}
