// Core kernels, compiled once per backend (see Makefile).
#include "core/core_ops.h"

namespace SF_OPS_NS {

int synchronize(sf::Stream s) {
#if defined(__CUDACC__)
  return static_cast<int>(cudaStreamSynchronize(static_cast<cudaStream_t>(s)));
#else
  (void)s;
  return sf::kOk;
#endif
}

int stream_copy_f32(sf::Stream s, const float* src, float* dst, int64_t n) {
  return sf::for_each(s, n, [=] SF_HD(int64_t i) { dst[i] = src[i]; });
}

int stream_triad_f32(sf::Stream s, float* a, const float* b, const float* c, float k, int64_t n) {
  return sf::for_each(s, n, [=] SF_HD(int64_t i) { a[i] = b[i] + k * c[i]; });
}

#if defined(__CUDACC__)
// One thread writes to an address no allocation covers.
__global__ void write_to_unmapped_address() {
  *reinterpret_cast<volatile int*>(static_cast<uintptr_t>(16)) = 1;
}
#endif

int debug_illegal_address(sf::Stream s) {
#if defined(__CUDACC__)
  // The launch succeeds; the kernel then faults with cudaErrorIllegalAddress, a sticky error
  // that every later call of this process reports (CUDA Runtime API, "Error Handling").
  write_to_unmapped_address<<<1, 1, 0, static_cast<cudaStream_t>(s)>>>();
  return static_cast<int>(cudaGetLastError());
#else
  // The CPU twin has no fault to give that would not take the JVM down with it.
  (void)s;
  return sf::kUnsupported;
#endif
}

const char* status_string(int status) {
#if defined(__CUDACC__)
  return cudaGetErrorString(static_cast<cudaError_t>(status));
#else
  (void)status;
  return "unknown status";
#endif
}

}  // namespace SF_OPS_NS
