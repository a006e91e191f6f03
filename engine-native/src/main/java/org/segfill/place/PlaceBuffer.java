package org.segfill.place;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Pointer;

/**
 * An owned block of memory of a {@link KernelPlace}: host memory for the CPU twin, device memory
 * for CUDA. The views carry their capacity so the kernel APIs can check sizes; they are valid
 * until {@link #close()}, and any use after that throws.
 */
public final class PlaceBuffer implements AutoCloseable {

  private final Pointer base;
  private final long bytes;
  private final AutoCloseable owner;
  private boolean closed;

  PlaceBuffer(Pointer base, long bytes, AutoCloseable owner) {
    this.base = base;
    this.bytes = bytes;
    this.owner = owner;
  }

  /** Size in bytes. */
  public long size() {
    return bytes;
  }

  /** The block as bytes. */
  public BytePointer bytes() {
    return new BytePointer(live()).capacity(bytes);
  }

  /** The block as floats. */
  public FloatPointer floats() {
    return new FloatPointer(live()).capacity(bytes / Float.BYTES);
  }

  /** The block as 32-bit integers. */
  public IntPointer ints() {
    return new IntPointer(live()).capacity(bytes / Integer.BYTES);
  }

  Pointer live() {
    if (closed) {
      throw new IllegalStateException("PlaceBuffer used after close()");
    }
    return base;
  }

  /** Frees the block; a second call does nothing. */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      try {
        owner.close();
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException("freeing a PlaceBuffer failed", e);
      }
    }
  }

  static void checkSize(long bytes) {
    if (bytes <= 0) {
      throw new IllegalArgumentException("bytes must be > 0, got " + bytes);
    }
  }

  // For write() and read(): the foreign buffer must hold `floats` floats from its position.
  static void checkWrite(long floats, FloatPointer foreign) {
    if (foreign == null || foreign.isNull()) {
      throw new IllegalArgumentException("a buffer is required");
    }
    long room = foreign.capacity() - foreign.position();
    if (room < floats) {
      throw new IllegalArgumentException("the buffer holds " + room + " floats, " + floats
          + " needed");
    }
  }

  /**
   * The address {@code p} points at from its position, for a {@code void*} parameter such as
   * cudaMemcpyAsync's. JavaCPP adds a pointer's position to a {@code void*} argument in bytes,
   * whatever the pointer's element type, so a FloatPointer at position 2 would otherwise reach
   * byte 2 instead of float 2.
   */
  static BytePointer addressAtPosition(Pointer p) {
    return new BytePointer(p).position(p.position() * p.sizeof());
  }

  void checkDownload(long count) {
    if (count > bytes) {
      throw new IllegalArgumentException("download of " + count + " bytes from a buffer of "
          + bytes);
    }
  }
}
