package org.segfill.cuda;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.ShortPointer;

/**
 * An owned block of CUDA-allocated memory with typed views. The views carry their element
 * capacity so the kernel APIs can check sizes, and stay valid until {@link #close()} frees the
 * block; any use after that throws.
 */
public abstract class CudaMemory implements AutoCloseable {
  private final Pointer address;
  private final long bytes;
  private boolean closed;

  CudaMemory(Pointer address, long bytes) {
    this.address = address;
    this.bytes = bytes;
  }

  static void checkSize(long bytes) {
    if (bytes <= 0) {
      throw new IllegalArgumentException("bytes must be > 0, got " + bytes);
    }
  }

  /** Size in bytes. */
  public long bytes() {
    return bytes;
  }

  /** The block as bytes. */
  public BytePointer asBytes() {
    return new BytePointer(live()).capacity(bytes);
  }

  /** The block as floats. */
  public FloatPointer asFloats() {
    return new FloatPointer(live()).capacity(bytes / Float.BYTES);
  }

  /** The block as 16-bit values (fp16 bits). */
  public ShortPointer asShorts() {
    return new ShortPointer(live()).capacity(bytes / Short.BYTES);
  }

  /** The block as 32-bit integers. */
  public IntPointer asInts() {
    return new IntPointer(live()).capacity(bytes / Integer.BYTES);
  }

  /** The raw address, refusing use after close. */
  Pointer live() {
    if (closed) {
      throw new IllegalStateException(getClass().getSimpleName() + " used after close()");
    }
    return address;
  }

  /** Returns the block to CUDA; a second call does nothing. */
  @Override
  public final void close() {
    if (!closed) {
      closed = true;
      free(address);
    }
  }

  /** Frees the block with the allocator's matching call. */
  abstract void free(Pointer address);
}
