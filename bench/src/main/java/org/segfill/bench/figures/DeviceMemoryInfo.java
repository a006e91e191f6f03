package org.segfill.bench.figures;

import org.bytedeco.cuda.global.cudart;
import org.bytedeco.javacpp.SizeTPointer;
import org.segfill.cuda.CudaException;

/**
 * One reading of the current device's memory.
 *
 * @param freeBytes memory the device could still allocate
 * @param totalBytes the device's memory
 */
public record DeviceMemoryInfo(long freeBytes, long totalBytes) {

  /**
   * Reads it with {@code cudaMemGetInfo} (JavaCPP's cuda presets). The free figure is the whole
   * device's: another process allocating meanwhile shows up in it.
   *
   * @throws CudaException if the call fails
   */
  public static DeviceMemoryInfo read() {
    try (SizeTPointer free = new SizeTPointer(1); SizeTPointer total = new SizeTPointer(1)) {
      CudaException.check("cudaMemGetInfo", cudart.cudaMemGetInfo(free, total));
      return new DeviceMemoryInfo(free.get(), total.get());
    }
  }
}
