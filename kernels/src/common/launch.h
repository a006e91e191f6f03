// Launch abstraction shared by the CUDA build and the CPU twin.
//
// Every kernel is an element functor with a `SF_HD void operator()(...)`. The same source is
// compiled twice: by nvcc (SF_CUDA defined) where `for_each` launches a grid on a stream, and by
// g++ where `for_each` is an OpenMP loop. Element functors must therefore be pure functions of
// their index and captured arguments, with no data races between indices.
#pragma once

#include <cstdint>
#include <cstring>

#if defined(__CUDACC__)
#include <cuda_runtime.h>
#define SF_HD __host__ __device__
#define SF_INLINE __forceinline__
#else
#define SF_HD
#define SF_INLINE inline __attribute__((always_inline))
#endif

namespace sf {

/// Opaque stream handle: a cudaStream_t for the CUDA build, ignored by the CPU twin.
using Stream = void*;

/// Status codes returned by every entry point. CUDA errors keep their cudaError_t value;
/// our own codes live above 10000 so they never collide.
enum Status : int {
  kOk = 0,
  kInvalidArgument = 10001,
  kUnsupported = 10002,
};

/// Below this many elements the OpenMP fork/join (several microseconds) costs more than the work
/// it splits, so the CPU twin runs the loop on the calling thread. 2^18 floats = 1 MiB, about L2
/// size. Heavy element functions (a Philox block with log and sincos) pass a smaller threshold.
/// The CUDA build ignores both.
constexpr int64_t kParallelThreshold = int64_t{1} << 18;
constexpr int64_t kHeavyParallelThreshold = int64_t{1} << 10;

#if defined(__CUDACC__)

template <class F>
__global__ void for_each_kernel(int64_t n, F f) {
  const int64_t stride = static_cast<int64_t>(blockDim.x) * gridDim.x;
  for (int64_t i = static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x; i < n; i += stride) {
    f(i);
  }
}

template <class F>
__global__ void for_each_2d_kernel(int w, int h, F f) {
  const int x = blockIdx.x * blockDim.x + threadIdx.x;
  const int y = blockIdx.y * blockDim.y + threadIdx.y;
  if (x < w && y < h) f(x, y);
}

/// Runs f(i) for i in [0, n) on the stream. Returns the launch status (asynchronous errors
/// surface on the next synchronising call, as with any CUDA launch). The last argument only
/// matters to the CPU twin (see below).
template <class F>
int for_each(Stream s, int64_t n, F f, int64_t = 0) {
  if (n <= 0) return kOk;
  constexpr int kBlock = 256;
  // A grid-stride loop keeps the grid within limits for any n.
  const int64_t blocks = (n + kBlock - 1) / kBlock;
  const unsigned grid = static_cast<unsigned>(blocks < 65535LL * 64 ? blocks : 65535LL * 64);
  for_each_kernel<<<grid, kBlock, 0, static_cast<cudaStream_t>(s)>>>(n, f);
  return static_cast<int>(cudaGetLastError());
}

/// Runs f(x, y) for every pixel of a w x h grid on the stream.
template <class F>
int for_each_2d(Stream s, int w, int h, F f) {
  if (w <= 0 || h <= 0) return kOk;
  const dim3 block(32, 8);
  const dim3 grid((w + block.x - 1) / block.x, (h + block.y - 1) / block.y);
  for_each_2d_kernel<<<grid, block, 0, static_cast<cudaStream_t>(s)>>>(w, h, f);
  return static_cast<int>(cudaGetLastError());
}

/// Copies n bytes between buffers of this device, ordered on the stream.
inline int copy_bytes(Stream s, void* dst, const void* src, int64_t n) {
  return static_cast<int>(cudaMemcpyAsync(dst, src, static_cast<size_t>(n),
                                          cudaMemcpyDeviceToDevice,
                                          static_cast<cudaStream_t>(s)));
}

#else

template <class F>
int for_each(Stream, int64_t n, F f, int64_t parallel_threshold = kParallelThreshold) {
#pragma omp parallel for schedule(static) if (n >= parallel_threshold)
  for (int64_t i = 0; i < n; ++i) f(i);
  return kOk;
}

template <class F>
int for_each_2d(Stream, int w, int h, F f) {
  // Rows are split across threads; the inner loop over x is contiguous so it vectorises.
#pragma omp parallel for schedule(static) if (int64_t{w} * h >= kParallelThreshold)
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) f(x, y);
  }
  return kOk;
}

/// Copies n host bytes with memcpy, in one chunk per OpenMP thread when large.
inline int copy_bytes(Stream, void* dst, const void* src, int64_t n) {
  constexpr int64_t kChunk = int64_t{1} << 20;
  const int64_t chunks = (n + kChunk - 1) / kChunk;
#pragma omp parallel for schedule(static) if (n >= kParallelThreshold)
  for (int64_t c = 0; c < chunks; ++c) {
    const int64_t begin = c * kChunk;
    const int64_t len = n - begin < kChunk ? n - begin : kChunk;
    std::memcpy(static_cast<char*>(dst) + begin, static_cast<const char*>(src) + begin,
                static_cast<size_t>(len));
  }
  return kOk;
}

#endif

/// Chains launches: returns the first failing status.
#define SF_TRY(expr)                      \
  do {                                    \
    const int sf_status_ = (expr);        \
    if (sf_status_ != 0) return sf_status_; \
  } while (0)

}  // namespace sf
