package org.segfill.models.engines;

import org.bytedeco.cuda.global.cudart;
import org.bytedeco.javacpp.SizeTPointer;

/** Device memory in use, for the TensorRT GPU tests' growth check. */
final class TrtGpu {

  private TrtGpu() {}

  /** Bytes of device memory in use (total - free), as cudaMemGetInfo reports them. */
  static long deviceBytesInUse() {
    try (SizeTPointer free = new SizeTPointer(1); SizeTPointer total = new SizeTPointer(1)) {
      int status = cudart.cudaMemGetInfo(free, total);
      if (status != 0) {
        throw new IllegalStateException("cudaMemGetInfo failed: " + status);
      }
      return total.get() - free.get();
    }
  }
}
