package org.segfill.kernels;

/** Where a kernel runs; the code matches {@code SF_DEVICE_*} in {@code segfill/kernels.h}. */
public enum Device {
  /** The CPU twin: g++-built OpenMP loops over host memory. */
  CPU(0),
  /** The nvcc build: grids on a CUDA stream over device memory. */
  CUDA(1);

  private final int code;

  Device(int code) {
    this.code = code;
  }

  /** The value passed as the {@code device} argument of every {@code sf_*} function. */
  public int code() {
    return code;
  }
}
