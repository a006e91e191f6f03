package org.segfill.models.engines;

import java.util.List;
import java.util.Objects;
import org.segfill.engine.backend.TensorSpec;

/**
 * One plan written to disk and what the builder learned about its graph.
 *
 * @param sha256 hex SHA-256 of the plan's bytes, hashed while they were written
 * @param size the plan's size in bytes
 * @param sourceInputs the ONNX graph's inputs as the parser saw them (-1 for dynamic axes)
 * @param droppedOutputs graph outputs the plan does not produce
 */
public record BuiltPlan(String sha256, long size, List<TensorSpec> sourceInputs,
    List<String> droppedOutputs) {

  public BuiltPlan {
    Objects.requireNonNull(sha256, "sha256");
    sourceInputs = List.copyOf(sourceInputs);
    droppedOutputs = List.copyOf(droppedOutputs);
  }
}
