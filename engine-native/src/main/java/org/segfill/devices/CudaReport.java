package org.segfill.devices;

import java.util.List;

/**
 * Whether CUDA is usable here.
 *
 * @param available true when at least one device can run our kernels
 * @param reason why not, when unavailable (null otherwise)
 * @param driverVersion e.g. "13.0", or null when no driver is installed
 * @param runtimeVersion the CUDA runtime the presets loaded, e.g. "13.1", or null
 * @param devices the devices found, empty when unavailable
 */
public record CudaReport(
    boolean available,
    String reason,
    String driverVersion,
    String runtimeVersion,
    List<GpuInfo> devices) {}
