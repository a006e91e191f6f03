package org.segfill.engine.backend.tensorrt;

import java.nio.file.Path;
import org.bytedeco.tensorrt.global.nvinfer.DataType;
import org.bytedeco.tensorrt.nvinfer.Dims64;
import org.segfill.engine.backend.DType;

/** Conversions between TensorRT's types and ours. */
final class TrtTypes {

  private TrtTypes() {}

  /**
   * Our dtype of an input or output of {@code plan}; refuses bfloat16, which the session can
   * neither show as float32 nor convert (only fp16 I/O is converted, by our kernels), and the
   * types no segfill graph uses.
   */
  static DType ioType(Path plan, DataType type, String tensor) {
    if (type.intern() == DataType.kBF16) {
      throw new IllegalArgumentException(plan + ": tensor '" + tensor + "' is bfloat16, but"
          + " segfill's TensorRT runtime feeds and reads plan inputs and outputs only as fp32 or"
          + " fp16 (fp16 ones converted on the GPU). Rebuild the plan with segfill build-engines"
          + " from an export whose inputs and outputs are fp16 or fp32; bf16 weights inside the"
          + " graph are fine");
    }
    return dtype(type, tensor);
  }

  private static DType dtype(DataType type, String tensor) {
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
