package org.segfill.engine.sdxl;

import java.util.List;

/**
 * The result of one request: a variant per seed, and the stage timings.
 *
 * @param variants results in seed order (seed, seed + 1, ...)
 * @param timings time per stage for the whole batch
 * @param warnings things the user should know that did not stop the run (a truncated prompt)
 */
public record Generation(List<Variant> variants, StageTimings timings, List<String> warnings) {

  public Generation {
    variants = List.copyOf(variants);
    warnings = List.copyOf(warnings);
  }
}
