package org.segfill.models.onnx;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.segfill.engine.backend.DType;
import org.segfill.models.onnx.proto.OnnxSubset.ModelProto;
import org.segfill.models.onnx.proto.OnnxSubset.TensorProto;
import org.segfill.models.onnx.proto.OnnxSubset.ValueInfoProto;

/**
 * The floating-point element types an ONNX graph stores its weights (initializers) and takes its
 * inputs in, read from the model file alone: an Optimum {@code --dtype fp16} export has float16
 * in both, a converter that keeps fp32 inputs ({@code keep_io_types}) has it in the weights, and
 * an fp32 export has neither. {@code Constant} nodes are not read: the exports segfill takes
 * keep their weights as initializers. Also names the graph inputs and outputs typed bfloat16,
 * which no segfill runtime feeds or reads.
 *
 * @param types every floating-point type found (fp32, fp16, bf16 or fp64); empty for a graph
 *     without float inputs or weights
 * @param bf16Inputs the graph inputs typed bfloat16, in graph order
 * @param bf16Outputs the graph outputs typed bfloat16, in graph order
 */
public record OnnxFloatTypes(Set<DType> types, List<String> bf16Inputs,
    List<String> bf16Outputs) {

  private static final Set<DType> FLOATS =
      EnumSet.of(DType.FLOAT32, DType.FLOAT16, DType.BFLOAT16, DType.FLOAT64);

  public OnnxFloatTypes {
    types = Set.copyOf(types);
    bf16Inputs = List.copyOf(bf16Inputs);
    bf16Outputs = List.copyOf(bf16Outputs);
  }

  /** The float types of {@code model}'s graph inputs and initializers, and its bf16 I/O. */
  public static OnnxFloatTypes of(ModelProto model) {
    Set<DType> found = EnumSet.noneOf(DType.class);
    for (ValueInfoProto input : model.getGraph().getInputList()) {
      if (input.getType().hasTensorType()) {
        addIfFloat(found, input.getType().getTensorType().getElemType());
      }
    }
    for (TensorProto weight : model.getGraph().getInitializerList()) {
      addIfFloat(found, weight.getDataType());
    }
    return new OnnxFloatTypes(found, bf16(model.getGraph().getInputList()),
        bf16(model.getGraph().getOutputList()));
  }

  /** Whether some graph input or output is bfloat16. */
  public boolean bf16Io() {
    return !bf16Inputs.isEmpty() || !bf16Outputs.isEmpty();
  }

  /** Whether some input or weight is stored in 16 bits (fp16 or bf16): an exported precision. */
  public boolean reduced() {
    return types.contains(DType.FLOAT16) || types.contains(DType.BFLOAT16);
  }

  /** Whether some input or weight is fp16 (whose range the SDXL VAE overflows, unlike bf16). */
  public boolean fp16() {
    return types.contains(DType.FLOAT16);
  }

  /** The 16-bit types found, as the build log names them: "fp16", "bf16" or "fp16+bf16". */
  public String reducedLabel() {
    if (types.contains(DType.FLOAT16) && types.contains(DType.BFLOAT16)) {
      return "fp16+bf16";
    }
    return types.contains(DType.BFLOAT16) ? "bf16" : types.contains(DType.FLOAT16) ? "fp16"
        : "none";
  }

  private static List<String> bf16(List<ValueInfoProto> values) {
    int code = OnnxDataTypes.code(DType.BFLOAT16);
    List<String> names = new ArrayList<>();
    for (ValueInfoProto v : values) {
      if (v.getType().hasTensorType() && v.getType().getTensorType().getElemType() == code) {
        names.add(v.getName());
      }
    }
    return names;
  }

  private static void addIfFloat(Set<DType> found, int code) {
    Optional<DType> type = OnnxDataTypes.dtype(code);
    if (type.isPresent() && FLOATS.contains(type.get())) {
      found.add(type.get());
    }
  }
}
