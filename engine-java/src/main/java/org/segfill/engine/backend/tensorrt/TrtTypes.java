package org.segfill.engine.backend.tensorrt;

import org.bytedeco.tensorrt.global.nvinfer.DataType;
import org.bytedeco.tensorrt.nvinfer.Dims64;
import org.segfill.engine.backend.DType;

/** Conversions between TensorRT's types and ours. */
final class TrtTypes {

  private TrtTypes() {}

  /** Our dtype of a TensorRT tensor type; refuses the ones no segfill graph uses. */
  static DType dtype(DataType type, String tensor) {
    DataType t = type.intern();
    if (t == DataType.kFLOAT) {
      return DType.FLOAT32;
    } else if (t == DataType.kHALF) {
      return DType.FLOAT16;
    } else if (t == DataType.kBF16) {
      return DType.BFLOAT16;
    } else if (t == DataType.kINT64) {
      return DType.INT64;
    } else if (t == DataType.kINT32) {
      return DType.INT32;
    } else if (t == DataType.kINT8) {
      return DType.INT8;
    } else if (t == DataType.kUINT8) {
      return DType.UINT8;
    } else if (t == DataType.kBOOL) {
      return DType.BOOL;
    }
    throw new IllegalArgumentException("tensor '" + tensor + "': TensorRT type " + t
        + " is not supported by segfill");
  }

  /** The dims as a Java array (-1 for an axis TensorRT resolves at run time). */
  static long[] shape(Dims64 dims) {
    long[] shape = new long[dims.nbDims()];
    for (int i = 0; i < shape.length; i++) {
      shape[i] = dims.d(i);
    }
    return shape;
  }

  /** A new Dims64 holding {@code shape}; the caller closes it. */
  static Dims64 dims(long[] shape) {
    if (shape.length > 8) {
      throw new IllegalArgumentException("rank " + shape.length + " exceeds TensorRT's 8");
    }
    Dims64 dims = new Dims64();
    dims.nbDims(shape.length);
    for (int i = 0; i < shape.length; i++) {
      dims.d(i, shape[i]);
    }
    return dims;
  }
}
