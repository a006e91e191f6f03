package org.segfill.cuda;

import org.bytedeco.cuda.global.cudart;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;

/**
 * An owned block of page-locked host memory (cudaMallocHost): the staging buffer that lets
 * cudaMemcpyAsync overlap with kernels. Views stay valid until {@link #close()}.
 */
public final class PinnedBuffer implements AutoCloseable {
  private final Pointer address;
  private final long bytes;
  private boolean closed;

  private PinnedBuffer(Pointer address, long bytes) {
    this.address = address;
    this.bytes = bytes;
  }

  /** cudaMallocHost of {@code bytes} bytes. */
  public static PinnedBuffer allocate(long bytes) {
    if (bytes <= 0) {
      throw new IllegalArgumentException("bytes must be > 0, got " + bytes);
    }
    Pointer address = new Pointer();
    CudaException.check("cudaMallocHost(" + bytes + ")", cudart.cudaMallocHost(address, bytes));
    return new PinnedBuffer(address, bytes);
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

  private Pointer live() {
    if (closed) {
      throw new IllegalStateException("pinned buffer used after close()");
    }
    return address;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      CudaException.check("cudaFreeHost", cudart.cudaFreeHost(address));
    }
  }
}
