#include <omp.h>

#include "api/dispatch.h"

#define SF_OPS_HEADER "core/core_ops.h"
#include "api/declare_backends.inc"

extern "C" {

const char* sf_version(void) { return "0.1.0"; }

const char* sf_status_string(int status) {
  switch (status) {
    case SF_OK: return "ok";
    case SF_ERR_INVALID_ARGUMENT: return "invalid argument";
    case SF_ERR_UNSUPPORTED: return "unsupported";
    default: return sf_cuda::status_string(status);  // every other code is a cudaError_t
  }
}

// Compiled for the baseline ISA: it must run on the CPUs it rejects.
__attribute__((target("arch=x86-64"))) int sf_cpu_supported(void) {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") &&
         __builtin_cpu_supports("bmi2");
}

int sf_cpu_threads(void) { return omp_get_max_threads(); }

int sf_synchronize(int device, void* stream) {
  return SF_DISPATCH(device, synchronize, stream);
}

int sf_stream_copy_f32(int device, void* stream, const float* src, float* dst, int64_t n) {
  return SF_DISPATCH(device, stream_copy_f32, stream, src, dst, n);
}

int sf_stream_triad_f32(int device, void* stream, float* a, const float* b, const float* c,
                        float s, int64_t n) {
  return SF_DISPATCH(device, stream_triad_f32, stream, a, b, c, s, n);
}

int sf_debug_illegal_address(int device, void* stream) {
  return SF_DISPATCH(device, debug_illegal_address, stream);
}

}  // extern "C"
