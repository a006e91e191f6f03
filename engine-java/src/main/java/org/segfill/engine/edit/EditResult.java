package org.segfill.engine.edit;

import java.util.List;
import java.util.Map;

/**
 * What an edit produced: the variants, the time per stage (milliseconds by stage name, in run
 * order) and warnings that did not stop it.
 */
public record EditResult(List<EditVariant> variants, Map<String, Long> timingsMs,
    List<String> warnings) {

  public EditResult {
    variants = List.copyOf(variants);
    timingsMs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(timingsMs));
    warnings = List.copyOf(warnings);
  }
}
