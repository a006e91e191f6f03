package org.segfill.engine.backend.ort;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.TensorInfo.OnnxTensorType;
import java.util.Optional;
import org.segfill.engine.backend.DType;

/** Maps segfill {@link DType}s to and from ONNX Runtime's element types. */
final class OrtTypes {

  private OrtTypes() {
  }

  /** The DType of an ORT element type, or empty for types we do not feed (strings, complex). */
  static Optional<DType> fromOrt(OnnxTensorType type) {
    switch (type) {
      case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT:
        return Optional.of(DType.FLOAT32);
      case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT16:
        return Optional.of(DType.FLOAT16);
      case ONNX_TENSOR_ELEMENT_DATA_TYPE_BFLOAT16:
        return Optional.of(DType.BFLOAT16);
      case ONNX_TENSOR_ELEMENT_DATA_TYPE_DOUBLE:
        return Optional.of(DType.FLOAT64);
      case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64:
        return Optional.of(DType.INT64);
      case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT32:
        return Optional.of(DType.INT32);
      case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT8:
        return Optional.of(DType.INT8);
      case ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT8:
        return Optional.of(DType.UINT8);
      case ONNX_TENSOR_ELEMENT_DATA_TYPE_BOOL:
        return Optional.of(DType.BOOL);
      default:
        return Optional.empty();
    }
  }

  /** The Java-side element type ORT wants when a tensor is created from a ByteBuffer. */
  static OnnxJavaType toOrt(DType dtype) {
    switch (dtype) {
      case FLOAT32:
        return OnnxJavaType.FLOAT;
      case FLOAT16:
        return OnnxJavaType.FLOAT16;
      case BFLOAT16:
        return OnnxJavaType.BFLOAT16;
      case FLOAT64:
        return OnnxJavaType.DOUBLE;
      case INT64:
        return OnnxJavaType.INT64;
      case INT32:
        return OnnxJavaType.INT32;
      case INT8:
        return OnnxJavaType.INT8;
      case UINT8:
        return OnnxJavaType.UINT8;
      case BOOL:
        return OnnxJavaType.BOOL;
      default:
        throw new IllegalArgumentException("dtype: " + dtype + " has no ONNX Runtime type");
    }
  }
}
