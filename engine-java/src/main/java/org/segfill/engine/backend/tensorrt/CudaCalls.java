package org.segfill.engine.backend.tensorrt;

import org.bytedeco.cuda.global.cudart;
import org.segfill.engine.backend.DeviceFault;

/** Turns a cudaError_t into a {@link DeviceFault} (sticky or not) naming the call. */
final class CudaCalls {

  private CudaCalls() {}

  static void check(String operation, int status) {
    if (status != cudart.cudaSuccess) {
      throw new DeviceFault(operation, status, cudart.cudaGetErrorString(status).getString());
    }
  }
}
