package org.segfill.engine.edit;

import java.util.Map;
import java.util.Objects;
import org.segfill.engine.image.RgbImage;

/**
 * One edited image and its recipe: the engine, bundle id and backend where a model ran, every
 * parameter and the seed, as JSON-ready values in a fixed order.
 */
public record EditVariant(RgbImage image, Map<String, Object> recipe) {

  public EditVariant {
    Objects.requireNonNull(image, "image");
    recipe = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(recipe));
  }

  /** The seed that reproduces this variant, or -1 when the engine uses none (classic). */
  public long seed() {
    Object seed = recipe.get("seed");
    return seed instanceof Number n ? n.longValue() : -1;
  }
}
