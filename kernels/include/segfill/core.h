/* Library facts, error strings and the memory-bandwidth reference kernels. */
#ifndef SEGFILL_CORE_H
#define SEGFILL_CORE_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Version of this kernel library, e.g. "0.1.0". */
const char* sf_version(void);

/** Human-readable text for a status code returned by any sf_* function. */
const char* sf_status_string(int status);

/** 1 when this CPU runs the CPU twin (built for x86-64-v3: AVX2, FMA, BMI2), else 0. */
int sf_cpu_supported(void);

/** Threads the CPU twin uses (OpenMP team size). */
int sf_cpu_threads(void);

/** Blocks until all work queued on the stream finished (no-op on the CPU). */
int sf_synchronize(int device, void* stream);

/** STREAM copy: dst[i] = src[i] for n floats. The bandwidth reference for benchmarks. */
int sf_stream_copy_f32(int device, void* stream, const float* src, float* dst, int64_t n);

/** STREAM triad: a[i] = b[i] + s * c[i] for n floats. */
int sf_stream_triad_f32(int device, void* stream, float* a, const float* b, const float* c,
                        float s, int64_t n);

/**
 * Test-only (reliability A6): on CUDA, queues a kernel that writes to an unmapped address, so the
 * stream's next synchronisation reports cudaErrorIllegalAddress (700), a sticky error that ruins
 * the CUDA context for the rest of the process. On the CPU returns SF_ERR_UNSUPPORTED.
 */
int sf_debug_illegal_address(int device, void* stream);

#ifdef __cplusplus
}
#endif

#endif
