/**
 * Checked Java API over the segfill kernels. Each {@code *Kernels} class validates every argument
 * (sizes, buffer capacities, ranges) and throws {@link java.lang.IllegalArgumentException} naming
 * the argument before any native call, then runs the kernel on the {@link KernelTarget}'s device:
 * the CPU twin for host buffers, or the CUDA build for device buffers on a stream.
 */
package org.segfill.kernels;
