package org.segfill.cuda;

import org.bytedeco.cuda.global.cudart;
import org.bytedeco.javacpp.Pointer;

/** An owned block of device memory (cudaMalloc), with synchronous host copies. */
public final class DeviceBuffer extends CudaMemory {

  private DeviceBuffer(Pointer address, long bytes) {
    super(address, bytes);
  }

  /** cudaMalloc of {@code bytes} bytes. */
  public static DeviceBuffer allocate(long bytes) {
    checkSize(bytes);
    Pointer address = new Pointer();
    CudaException.check("cudaMalloc(" + bytes + ")", cudart.cudaMalloc(address, bytes));
    return new DeviceBuffer(address, bytes);
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
    if (count <= 0 || count > bytes()) {
      throw new IllegalArgumentException("count must be in [1, " + bytes() + "], got " + count);
    }
  }

  @Override
  void free(Pointer address) {
    CudaException.check("cudaFree", cudart.cudaFree(address));
  }
}
