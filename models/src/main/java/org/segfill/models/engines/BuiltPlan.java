package org.segfill.models.engines;

import java.util.List;
import org.segfill.engine.backend.TensorSpec;

/**
 * One serialized plan and what the builder learned about its graph.
 *
 * @param bytes the plan
 * @param sourceInputs the ONNX graph's inputs as the parser saw them (-1 for dynamic axes)
 * @param droppedOutputs graph outputs the plan does not produce
 */
public record BuiltPlan(byte[] bytes, List<TensorSpec> sourceInputs, List<String> droppedOutputs) {

  public BuiltPlan {
    sourceInputs = List.copyOf(sourceInputs);
    droppedOutputs = List.copyOf(droppedOutputs);
  }
}
