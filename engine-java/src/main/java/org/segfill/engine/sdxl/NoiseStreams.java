package org.segfill.engine.sdxl;

/**
 * The Philox stream of each noise tensor one generation draws (model contract part 0, item 5).
 * Sample b of a batch is keyed by seed + b and element i sits at counter i of its stream, so a
 * tensor's values do not depend on the order tensors are drawn in, the batch size, or the device.
 */
public final class NoiseStreams {

  /** The starting noise of the latents. */
  public static final int INITIAL = 0;
  /** The VAE sample of the unmasked image (strength below 1). */
  public static final int IMAGE_LATENTS = 1;
  /** The VAE sample of the masked image. */
  public static final int MASKED_IMAGE_LATENTS = 2;
  /** Euler ancestral draws step k's noise from stream ANCESTRAL + k. */
  public static final int ANCESTRAL = 16;

  private NoiseStreams() {}
}
