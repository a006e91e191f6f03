/**
 * What this machine can run: the CUDA driver and devices, TensorRT's libraries, and the GPU
 * architectures compiled into the kernel library. Every probe reports a reason instead of
 * throwing, so {@code segfill devices} works on machines with no GPU.
 */
package org.segfill.devices;
