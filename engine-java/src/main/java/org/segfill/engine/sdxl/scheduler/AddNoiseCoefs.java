package org.segfill.engine.sdxl.scheduler;

/**
 * Scheduler {@code add_noise} at the first step that runs: {@code x = a * x0 + b * noise}, for
 * {@code LatentKernels.addNoise}. Euler and Euler ancestral (variance exploding): a = 1, b =
 * sigma. DPM++ (variance preserving): a = 1 / sqrt(sigma^2 + 1), b = sigma * a.
 *
 * @param a scale of the clean latents
 * @param b scale of the noise
 */
public record AddNoiseCoefs(float a, float b) {}
