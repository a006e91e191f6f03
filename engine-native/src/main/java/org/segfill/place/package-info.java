/**
 * Where a chain of pre- or post-processing kernels runs, with memory those kernels can address:
 * {@link org.segfill.place.KernelPlace#cpu()} (the CPU twin on host memory) or a {@link
 * org.segfill.place.CudaPlace} (the CUDA build on device memory and one stream). Code written
 * against a place runs unchanged on both, so the CPU tests exercise the same orchestration the
 * GPU path uses, and the GPU tests compare the two places.
 */
package org.segfill.place;
