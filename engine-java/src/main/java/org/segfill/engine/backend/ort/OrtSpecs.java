package org.segfill.engine.backend.ort;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.TensorInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.segfill.engine.backend.DType;
import org.segfill.engine.backend.TensorSpec;

/** Reads a loaded ORT session's declared inputs or outputs as {@link TensorSpec}s. */
final class OrtSpecs {

  private OrtSpecs() {
  }

  /**
   * Converts ORT's node infos (in graph order); a non-tensor value or an element type we do not
   * support fails here, when the graph is opened, rather than on the first run.
   */
  static List<TensorSpec> of(Path model, String role, Map<String, NodeInfo> nodes) {
    List<TensorSpec> specs = new ArrayList<>(nodes.size());
    for (NodeInfo node : nodes.values()) {
      if (!(node.getInfo() instanceof TensorInfo info)) {
        throw new IllegalArgumentException(model + ": " + role + " '" + node.getName()
            + "' is " + node.getInfo() + "; only tensors are supported");
      }
      DType dtype = OrtTypes.fromOrt(info.onnxType).orElseThrow(() ->
          new IllegalArgumentException(model + ": " + role + " '" + node.getName()
              + "' has element type " + info.onnxType + "; supported are "
              + List.of(DType.values())));
      // ORT reports a symbolic or unknown dim as -1, which is TensorSpec.DYNAMIC.
      specs.add(new TensorSpec(node.getName(), dtype, info.getShape()));
    }
    return Collections.unmodifiableList(specs);
  }
}
