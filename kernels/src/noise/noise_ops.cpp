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
    float* dst = out;
    sf::visit_noise_block(g, n, blocks_per_sample, seed, stream,
                          [dst](int64_t i, float z) { dst[i] = z; });
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
