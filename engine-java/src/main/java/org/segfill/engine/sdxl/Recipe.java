package org.segfill.engine.sdxl;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything that determines one result (product.md, "result"): engine, bundle id, backend,
 * every parameter and the seed. The same recipe on the same backend gives the same pixels. Kept
 * as an ordered map of JSON-ready values, so the API, the PNG text chunk and the results
 * directory all write the same fields.
 */
public record Recipe(Map<String, Object> fields) {

  public Recipe {
    Objects.requireNonNull(fields, "fields");
    fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  /** The seed the variant was generated with. */
  public long seed() {
    return ((Number) fields.get("seed")).longValue();
  }
}
