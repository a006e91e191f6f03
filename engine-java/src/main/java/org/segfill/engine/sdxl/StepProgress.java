package org.segfill.engine.sdxl;

import org.segfill.engine.image.RgbImage;

/**
 * Progress after one denoising step.
 *
 * @param step steps done, 1-based
 * @param steps UNet calls in this run
 * @param elapsedNanos time since the run started
 * @param preview a rough latent-resolution picture of the first variant's current x0
 *     prediction (null unless the listener asked for previews)
 */
public record StepProgress(int step, int steps, long elapsedNanos, RgbImage preview) {}
