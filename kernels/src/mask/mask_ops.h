// Backend entry points of the mask kernels (see api/declare_backends.inc; no include guard).
#include <cstdint>
#include "common/launch.h"

namespace SF_OPS_NS {
int mask_binarize_u8(sf::Stream s, const uint8_t* in, uint8_t* out, int64_t n, int threshold);
int mask_invert_u8(sf::Stream s, const uint8_t* in, uint8_t* out, int64_t n);
}  // namespace SF_OPS_NS
