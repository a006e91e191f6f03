// Mask kernels, compiled once per backend (see Makefile).
#include "mask/mask_ops.h"

namespace SF_OPS_NS {

int mask_binarize_u8(sf::Stream s, const uint8_t* in, uint8_t* out, int64_t n, int threshold) {
  return sf::for_each(s, n, [=] SF_HD(int64_t i) {
    out[i] = in[i] >= threshold ? uint8_t{255} : uint8_t{0};
  });
}

int mask_invert_u8(sf::Stream s, const uint8_t* in, uint8_t* out, int64_t n) {
  return sf::for_each(s, n, [=] SF_HD(int64_t i) { out[i] = static_cast<uint8_t>(255 - in[i]); });
}

}  // namespace SF_OPS_NS
