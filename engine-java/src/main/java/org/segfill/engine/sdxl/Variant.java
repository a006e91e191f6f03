package org.segfill.engine.sdxl;

import java.util.Objects;
import org.segfill.engine.image.RgbImage;

/**
 * One generated result: the full-size image and the recipe that reproduces it.
 *
 * @param image the edited image at the original size
 * @param recipe every parameter, the seed, the bundle and the backend
 */
public record Variant(RgbImage image, Recipe recipe) {

  public Variant {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(recipe, "recipe");
  }
}
