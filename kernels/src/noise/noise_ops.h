// Backend entry points of the noise kernels (see api/declare_backends.inc; no include guard).
#include <cstdint>
#include "common/launch.h"

namespace SF_OPS_NS {
int randn_f32(sf::Stream s, float* out, int batch, int64_t n, uint64_t seed, uint32_t stream);
}  // namespace SF_OPS_NS
