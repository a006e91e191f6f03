package org.segfill.engine.inpaint;

import org.segfill.kernels.Args;

/**
 * How the user's selection becomes the repaint mask (model contract part 0 item 8): grown by
 * {@code maskGrow} px, because SAM masks hug their object and leave a fringe of its colours
 * outside, then feathered by {@code maskFeather} px so the seam blends.
 *
 * @param maskGrow dilation radius in px, [0, 256]
 * @param maskFeather feather radius in px (Gaussian, sigma = radius / 3), [0, 255]
 */
public record RepaintShape(int maskGrow, int maskFeather) {
  /** Default grow in px (product.md "describe"). */
  public static final int DEFAULT_GROW = 6;

  /** Default feather in px (product.md "describe"). */
  public static final int DEFAULT_FEATHER = 8;

  /** Largest grow in px. */
  public static final int MAX_GROW = 256;

  /** Largest feather in px: the feather kernel's limit. */
  public static final int MAX_FEATHER = 255;

  /** Grow 6 px, feather 8 px. */
  public static final RepaintShape DEFAULT = new RepaintShape(DEFAULT_GROW, DEFAULT_FEATHER);

  /** Checks both ranges; messages name the API fields. */
  public RepaintShape {
    Args.inRange("maskGrow", maskGrow, 0, MAX_GROW);
    Args.inRange("maskFeather", maskFeather, 0, MAX_FEATHER);
  }
}
