package org.segfill.engine.sdxl;

import java.util.List;

/**
 * The result of one request: a variant per seed, and the stage timings.
 *
 * @param variants results in seed order (seed, seed + 1, ...)
 * @param timings time per stage for the whole batch
 */
public record Generation(List<Variant> variants, StageTimings timings) {

  public Generation {
    variants = List.copyOf(variants);
  }
}
