package org.segfill.cuda;

import org.bytedeco.cuda.global.cudart;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.ShortPointer;

/**
 * An owned block of device memory. Typed views carry their element capacity so the kernel APIs
 * can check sizes; the views stay valid until {@link #close()} frees the block.
 */
public final class DeviceBuffer implements AutoCloseable {
  private final Pointer address;
  private final long bytes;
  private boolean closed;

  private DeviceBuffer(Pointer address, long bytes) {
    this.address = address;
    this.bytes = bytes;
  }

  /** cudaMalloc of {@code bytes} bytes. */
  public static DeviceBuffer allocate(long bytes) {
    if (bytes <= 0) {
      throw new IllegalArgumentException("bytes must be > 0, got " + bytes);
    }
    Pointer address = new Pointer();
    CudaException.check("cudaMalloc(" + bytes + ")", cudart.cudaMalloc(address, bytes));
    return new DeviceBuffer(address, bytes);
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

  /** Copies {@code count} bytes from host memory into the start of this buffer (synchronous). */
  public void upload(Pointer host, long count) {
    checkCount(count);
    CudaException.check("cudaMemcpy(host to device)",
        cudart.cudaMemcpy(live(), host, count, cudart.cudaMemcpyHostToDevice));
  }

  /** Copies {@code count} bytes from the start of this buffer to host memory (synchronous). */
  public void download(Pointer host, long count) {
    checkCount(count);
    CudaException.check("cudaMemcpy(device to host)",
        cudart.cudaMemcpy(host, live(), count, cudart.cudaMemcpyDeviceToHost));
  }

  private void checkCount(long count) {
    if (count <= 0 || count > bytes) {
      throw new IllegalArgumentException(
          "count must be in [1, " + bytes + "], got " + count);
    }
  }

  private Pointer live() {
    if (closed) {
      throw new IllegalStateException("device buffer used after close()");
    }
    return address;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      CudaException.check("cudaFree", cudart.cudaFree(address));
    }
  }
}
