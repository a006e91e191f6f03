// Noise kernels, compiled once per backend (see Makefile). Layout: noise/philox.h.
#include "noise/noise_ops.h"
#include "noise/philox.h"

namespace SF_OPS_NS {

namespace {

// One Philox block per work item: it yields the 4 normals of elements 4q .. 4q+3 of sample b.
struct RandnBlocks {
  float* out;
  int64_t n;
  int64_t blocks_per_sample;
  uint64_t seed;
  uint32_t stream;

  SF_HD void operator()(int64_t g) const {
    const int64_t b = g / blocks_per_sample;
    const int64_t q = g - b * blocks_per_sample;
    float z[4];
    sf::randn4(seed + static_cast<uint64_t>(b), static_cast<uint64_t>(q), stream, z);
    float* row = out + b * n;
    const int64_t i0 = 4 * q;
    const int64_t count = n - i0 < 4 ? n - i0 : 4;
    for (int64_t j = 0; j < count; ++j) row[i0 + j] = z[j];
  }
};

}  // namespace

int randn_f32(sf::Stream s, float* out, int batch, int64_t n, uint64_t seed, uint32_t stream) {
  if (batch <= 0 || n <= 0) return sf::kInvalidArgument;
  const int64_t blocks = (n + 3) / 4;
  return sf::for_each(s, blocks * batch, RandnBlocks{out, n, blocks, seed, stream},
                      sf::kHeavyParallelThreshold);
}

}  // namespace SF_OPS_NS
