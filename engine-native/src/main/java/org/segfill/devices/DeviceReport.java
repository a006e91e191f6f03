package org.segfill.devices;

import java.io.IOException;

/**
 * Everything {@code segfill devices} prints.
 *
 * @param cuda the CUDA driver, runtime and devices
 * @param tensorrt whether TensorRT loads
 * @param kernels the kernel library and its GPU architectures
 */
public record DeviceReport(CudaReport cuda, TensorRtReport tensorrt, KernelLibraryReport kernels) {

  /** Probes everything; each part reports its own failure reason. */
  public static DeviceReport probe() throws IOException {
    return new DeviceReport(CudaProbe.probe(), TensorRtProbe.probe(), KernelLibraryProbe.probe());
  }
}
