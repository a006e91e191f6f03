package org.segfill.models.onnx;

import java.util.Optional;
import org.segfill.engine.backend.DType;

/** The ONNX {@code TensorProto.DataType} number of each {@link DType}. */
public final class OnnxDataTypes {

  private OnnxDataTypes() {
  }

  /** ONNX element type code, as written to {@code elem_type}, {@code data_type} and Cast's "to". */
  public static int code(DType dtype) {
    switch (dtype) {
      case FLOAT32:
        return 1;
      case UINT8:
        return 2;
      case INT8:
        return 3;
      case INT32:
        return 6;
      case INT64:
        return 7;
      case BOOL:
        return 9;
      case FLOAT16:
        return 10;
      case FLOAT64:
        return 11;
      case BFLOAT16:
        return 16;
      default:
        throw new IllegalArgumentException("dtype: " + dtype + " has no ONNX code here");
    }
  }

  /** The {@link DType} of an ONNX element type code, or empty for a type segfill has none for. */
  public static Optional<DType> dtype(int code) {
    for (DType d : DType.values()) {
      if (code(d) == code) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }
}
