package org.segfill.cuda;

import org.bytedeco.cuda.global.cudart;
import org.bytedeco.javacpp.Pointer;

/**
 * An owned block of page-locked host memory (cudaMallocHost): the staging buffer that lets
 * cudaMemcpyAsync overlap with kernels.
 */
public final class PinnedBuffer extends CudaMemory {

  private PinnedBuffer(Pointer address, long bytes) {
    super(address, bytes);
  }

  /** cudaMallocHost of {@code bytes} bytes. */
  public static PinnedBuffer allocate(long bytes) {
    checkSize(bytes);
    Pointer address = new Pointer();
    CudaException.check("cudaMallocHost(" + bytes + ")", cudart.cudaMallocHost(address, bytes));
    return new PinnedBuffer(address, bytes);
  }

  @Override
  void free(Pointer address) {
    CudaException.check("cudaFreeHost", cudart.cudaFreeHost(address));
  }
}
