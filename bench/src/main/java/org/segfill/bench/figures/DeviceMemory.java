package org.segfill.bench.figures;

import java.util.List;

/**
 * The device's memory around opening both bundles on TensorRT, as cudaMemGetInfo reports it.
 *
 * @param totalBytes the device's memory
 * @param freeBeforeBytes free before the first plan opened (CUDA context already made)
 * @param freeAfterBytes free with both bundles open
 * @param bundlesBytes what opening both bundles took: free before minus free after
 * @param plans each plan's share, in the order they opened
 */
public record DeviceMemory(long totalBytes, long freeBeforeBytes, long freeAfterBytes,
    long bundlesBytes, List<PlanMemory> plans) {

  public DeviceMemory {
    plans = List.copyOf(plans);
  }

  /** The memory figures from the two readings around opening and the plans' shares. */
  public static DeviceMemory of(DeviceMemoryInfo before, DeviceMemoryInfo after,
      List<PlanMemory> plans) {
    return new DeviceMemory(before.totalBytes(), before.freeBytes(), after.freeBytes(),
        before.freeBytes() - after.freeBytes(), plans);
  }
}
