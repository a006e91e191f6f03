package org.segfill.engine.edit;

import java.util.Objects;
import org.segfill.engine.inpaint.BackgroundSpec;
import org.segfill.engine.sdxl.InpaintRequest;

/**
 * One edit as the API, the CLI and the page ask for it: the generation parameters, plus an
 * optional background that replaces the background (or the subject) by compositing instead of
 * generation (product.md, "target").
 *
 * @param generation target, prompts, guidance, steps, strength, seed, count, sampler, region,
 *     mask grow and feather, colour match
 * @param background a colour, blur or image to composite, or null to generate (or, without an
 *     SDXL bundle, to use the classic default)
 */
public record EditRequest(InpaintRequest generation, BackgroundSpec background) {

  public EditRequest {
    Objects.requireNonNull(generation, "generation");
  }
}
