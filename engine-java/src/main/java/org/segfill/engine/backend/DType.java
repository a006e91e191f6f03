package org.segfill.engine.backend;

/** Element types a graph can declare for its inputs and outputs, with their storage sizes. */
public enum DType {
  FLOAT32(4),
  FLOAT16(2),
  BFLOAT16(2),
  FLOAT64(8),
  INT64(8),
  INT32(4),
  INT8(1),
  UINT8(1),
  // ONNX and TensorRT both store a bool as one byte, 0 or 1.
  BOOL(1);

  private final int byteSize;

  DType(int byteSize) {
    this.byteSize = byteSize;
  }

  /** Bytes one element takes in a tensor buffer. */
  public int byteSize() {
    return byteSize;
  }
}
