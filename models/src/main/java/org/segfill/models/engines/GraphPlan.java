package org.segfill.models.engines;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.segfill.engine.backend.tensorrt.InputShapes;

/**
 * How {@code build-engines} turns one bundle graph into a TensorRT plan.
 *
 * @param source the ONNX file, relative to the bundle (e.g. {@code unet/model.onnx})
 * @param plan the plan's file name inside the engines directory
 * @param fp16 whether the plan may run in fp16: an fp32 export is then built weakly typed with
 *     kFP16 and an fp16 export strongly typed as exported; false (a VAE that is not fp16-safe)
 *     keeps an fp32 export in fp32 with TF32 and refuses an fp16 one ({@link PlanPrecision})
 * @param keepOutputs the outputs segfill reads; every other output is dropped from the plan
 * @param profiles the optimisation profiles; only inputs with a dynamic axis need an entry
 */
public record GraphPlan(String source, String plan, boolean fp16, Set<String> keepOutputs,
    List<List<InputShapes>> profiles) {

  public GraphPlan {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(plan, "plan");
    keepOutputs = Set.copyOf(keepOutputs);
    profiles = profiles.stream().map(List::copyOf).toList();
    if (profiles.isEmpty()) {
      throw new IllegalArgumentException(source + ": at least one profile is needed");
    }
  }

  /** The entry for {@code input} in profile {@code k}, or null when the table fixes none. */
  public InputShapes shapes(int k, String input) {
    return profiles.get(k).stream().filter(s -> s.input().equals(input)).findFirst()
        .orElse(null);
  }
}
