package org.segfill.engine.backend;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * A host tensor passed to or returned from a {@link Session}: element type, shape and the
 * elements in row-major order.
 *
 * <p>The elements live in a little-endian {@link ByteBuffer}, the ONNX and CUDA layout on every
 * platform we build for. Tensors made to be fed are direct: ONNX Runtime wraps a direct buffer
 * without copying and JavaCPP can hand its address to cudaMemcpy for the TensorRT backend.
 * Backends return their outputs in heap buffers ({@link #adopt}), which the garbage collector
 * frees as soon as they are dropped; direct buffers are only freed when a collection happens to
 * run, so allocating them per run (a click, a denoising step) piles up native memory until the
 * JVM stalls in a full collection. An output fed again and again (a SAM image embedding) is made
 * direct once with {@link #direct()}. A Tensor needs no close() and cannot leak; native tensors
 * made from it are owned (and closed) by the backend that made them.
 */
public final class Tensor {

  private final DType dtype;
  private final long[] shape;
  private final ByteBuffer data;

  private Tensor(DType dtype, long[] shape, ByteBuffer data) {
    this.dtype = dtype;
    this.shape = shape;
    this.data = data;
  }

  /** A float32 tensor holding {@code values} (copied) in row-major order. */
  public static Tensor ofFloats(long[] shape, float... values) {
    ByteBuffer buffer = allocate(DType.FLOAT32, shape, values.length, "values");
    buffer.asFloatBuffer().put(values);
    return new Tensor(DType.FLOAT32, shape.clone(), buffer);
  }

  /** An int64 tensor holding {@code values} (copied) in row-major order. */
  public static Tensor ofLongs(long[] shape, long... values) {
    ByteBuffer buffer = allocate(DType.INT64, shape, values.length, "values");
    buffer.asLongBuffer().put(values);
    return new Tensor(DType.INT64, shape.clone(), buffer);
  }

  /** An int32 tensor holding {@code values} (copied) in row-major order. */
  public static Tensor ofInts(long[] shape, int... values) {
    ByteBuffer buffer = allocate(DType.INT32, shape, values.length, "values");
    buffer.asIntBuffer().put(values);
    return new Tensor(DType.INT32, shape.clone(), buffer);
  }

  /** A rank-0 float32 tensor, e.g. SDXL's {@code timestep}. */
  public static Tensor scalar(float value) {
    return ofFloats(new long[0], value);
  }

  /** A tensor of any dtype whose elements are all zero bits. */
  public static Tensor zeros(DType dtype, long[] shape) {
    Objects.requireNonNull(dtype, "dtype");
    ByteBuffer buffer = allocate(dtype, shape, -1, "values");
    return new Tensor(dtype, shape.clone(), buffer);
  }

  /**
   * A tensor of any dtype from raw little-endian element bytes (copied from the
   * {@code remaining()} bytes of {@code bytes}, which must equal element count x dtype size).
   * Used for fp16/bf16/bool data and by backends for their outputs.
   */
  public static Tensor ofBytes(DType dtype, long[] shape, ByteBuffer bytes) {
    Objects.requireNonNull(dtype, "dtype");
    long count = Shapes.elementCount(Objects.requireNonNull(shape, "shape"));
    long expected = count * dtype.byteSize();
    if (bytes.remaining() != expected) {
      throw new IllegalArgumentException("bytes: " + expected + " expected for " + dtype
          + Shapes.format(shape) + ", found " + bytes.remaining());
    }
    ByteBuffer buffer = allocate(dtype, shape, -1, "bytes");
    buffer.put(bytes.duplicate());
    buffer.clear();
    return new Tensor(dtype, shape.clone(), buffer);
  }

  /**
   * A tensor over the {@code remaining()} bytes of {@code direct}, without copying them, for a
   * buffer that is refilled and fed again and again (the denoising loop's UNet input, rebuilt in
   * place every step). The tensor shows whatever the buffer holds when a session reads it, so the
   * caller must not change those bytes while a run that uses the tensor is under way. The buffer
   * stays owned by the garbage collector, as with every other tensor.
   *
   * @throws IllegalArgumentException unless {@code direct} is a direct, little-endian buffer
   *     whose remaining bytes equal element count x dtype size
   */
  public static Tensor wrap(DType dtype, long[] shape, ByteBuffer direct) {
    Objects.requireNonNull(dtype, "dtype");
    long count = Shapes.elementCount(Objects.requireNonNull(shape, "shape"));
    if (!direct.isDirect() || direct.order() != ByteOrder.LITTLE_ENDIAN) {
      throw new IllegalArgumentException("buffer: a direct little-endian buffer is needed, got "
          + (direct.isDirect() ? "direct " : "heap ") + direct.order());
    }
    long expected = count * dtype.byteSize();
    if (direct.remaining() != expected) {
      throw new IllegalArgumentException("buffer: " + expected + " bytes expected for " + dtype
          + Shapes.format(shape) + ", found " + direct.remaining());
    }
    return new Tensor(dtype, shape.clone(), direct.slice().order(ByteOrder.LITTLE_ENDIAN));
  }

  /**
   * Takes {@code buffer} (heap or direct, its {@code remaining()} bytes) as the elements of a new
   * tensor without copying; the caller must not use the buffer afterwards. For backends handing
   * over freshly made output buffers.
   */
  public static Tensor adopt(DType dtype, long[] shape, ByteBuffer buffer) {
    Objects.requireNonNull(dtype, "dtype");
    long count = Shapes.elementCount(Objects.requireNonNull(shape, "shape"));
    long expected = count * dtype.byteSize();
    if (buffer.remaining() != expected) {
      throw new IllegalArgumentException("buffer: " + expected + " bytes expected for " + dtype
          + Shapes.format(shape) + ", found " + buffer.remaining());
    }
    return new Tensor(dtype, shape.clone(), buffer.slice().order(ByteOrder.LITTLE_ENDIAN));
  }

  /** This tensor if its elements are in a direct buffer, else a direct copy (to feed it often). */
  public Tensor direct() {
    return data.isDirect() ? this : ofBytes(dtype, shape, data());
  }

  // Allocates a zeroed buffer for dtype x shape; checks that `given` (when >= 0) elements fit it.
  private static ByteBuffer allocate(DType dtype, long[] shape, int given, String field) {
    Objects.requireNonNull(shape, "shape");
    long count = Shapes.elementCount(shape);
    if (given >= 0 && given != count) {
      throw new IllegalArgumentException(field + ": shape " + Shapes.format(shape)
          + " holds " + count + " elements, found " + given);
    }
    long bytes = count * dtype.byteSize();
    if (bytes > Integer.MAX_VALUE) {
      // A ByteBuffer is int-indexed; host tensors of SAM and SDXL are far below this.
      throw new IllegalArgumentException("shape: " + Shapes.format(shape) + " of " + dtype
          + " needs " + bytes + " bytes; at most " + Integer.MAX_VALUE + " allowed");
    }
    return ByteBuffer.allocateDirect((int) bytes).order(ByteOrder.LITTLE_ENDIAN);
  }

  public DType dtype() {
    return dtype;
  }

  /** Copy of the shape; empty for a scalar. */
  public long[] shape() {
    return shape.clone();
  }

  public int rank() {
    return shape.length;
  }

  public long elementCount() {
    return Shapes.elementCount(shape);
  }

  /**
   * The elements as a read-only little-endian view positioned at 0 (no copy). The view's
   * byte order is set explicitly because duplicates of a buffer reset it to big-endian.
   */
  public ByteBuffer data() {
    return data.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
  }

  /** Copies a float32 tensor's elements into a new array. */
  public float[] toFloatArray() {
    requireType(DType.FLOAT32);
    float[] values = new float[(int) elementCount()];
    data().asFloatBuffer().get(values);
    return values;
  }

  /** Copies an int64 tensor's elements into a new array. */
  public long[] toLongArray() {
    requireType(DType.INT64);
    long[] values = new long[(int) elementCount()];
    data().asLongBuffer().get(values);
    return values;
  }

  private void requireType(DType wanted) {
    if (dtype != wanted) {
      throw new IllegalStateException("tensor is " + dtype + ", not " + wanted);
    }
  }

  @Override
  public String toString() {
    return "Tensor" + dtype + Shapes.format(shape);
  }
}
