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

  /**
   * Copies {@code count} bytes from host memory into the start of this buffer, and waits until
   * they have landed: work queued afterwards on any stream sees them.
   */
  public void upload(Pointer host, long count) {
    checkCount(count);
    CudaException.check("cudaMemcpy(host to device)",
        cudart.cudaMemcpy(live(), host, count, cudart.cudaMemcpyHostToDevice));
    // From pageable memory cudaMemcpy may return once the bytes are staged, before the DMA to
    // the buffer has completed ("API synchronization behavior"). The copy is on the legacy
    // stream, which our non-blocking streams do not wait for, so wait for it here.
    CudaException.check("cudaStreamSynchronize(cudaStreamLegacy)",
        cudart.cudaStreamSynchronize(cudart.cudaStreamLegacy()));
  }

  /**
   * Copies {@code count} bytes from the start of this buffer to host memory (synchronous). It
   * does not wait for work on non-blocking streams: synchronise the stream that wrote the buffer
   * first.
   */
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
