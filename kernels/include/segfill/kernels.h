/*
 * segfill kernels: the C ABI bound from Java through JavaCPP.
 *
 * Every entry point takes a device (SF_DEVICE_CPU or SF_DEVICE_CUDA) and a stream, then its
 * buffers and sizes. On SF_DEVICE_CPU the buffers are host memory and the call runs to
 * completion on an OpenMP team (the "CPU twin"). On SF_DEVICE_CUDA the buffers are device
 * memory and the call is enqueued on the stream (a cudaStream_t, NULL for the legacy stream).
 * Both devices run the same __host__ __device__ element functions.
 *
 * Every function returns 0 on success, a cudaError_t value for a CUDA failure, or an
 * SF_ERR_* code. Arguments are validated by the Java layer before any call; the C side only
 * guards against what would otherwise corrupt memory.
 *
 * Usage (CPU):
 *   sf_mask_binarize_u8(SF_DEVICE_CPU, NULL, in, out, w * h, 128);
 *
 * Thread safety: the functions keep no state; concurrent calls on distinct buffers are safe.
 */
#ifndef SEGFILL_KERNELS_H
#define SEGFILL_KERNELS_H

#include <stdint.h>

#define SF_DEVICE_CPU 0
#define SF_DEVICE_CUDA 1

#define SF_OK 0
#define SF_ERR_INVALID_ARGUMENT 10001
#define SF_ERR_UNSUPPORTED 10002

#include "segfill/core.h"
#include "segfill/image.h"
#include "segfill/mask.h"
#include "segfill/latent.h"
#include "segfill/noise.h"

#endif
