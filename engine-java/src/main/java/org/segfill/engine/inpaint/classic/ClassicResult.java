package org.segfill.engine.inpaint.classic;

import org.segfill.engine.image.RgbImage;

/**
 * The edited photo and how it was made.
 *
 * @param image the output, the input's size
 * @param recipe the parameters used
 */
public record ClassicResult(RgbImage image, ClassicRecipe recipe) {}
