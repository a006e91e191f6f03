// Backend entry points of the image kernels (see api/declare_backends.inc; no include guard).
#include <cstdint>
#include "common/launch.h"

namespace SF_OPS_NS {
int resample_u8(sf::Stream s, const uint8_t* in, int in_w, int in_h, int channels, uint8_t* out,
                int out_w, int out_h, int filter, void* workspace);
int sam_normalize_pad(sf::Stream s, const uint8_t* resized, int rw, int rh, float m0, float m1,
                      float m2, float s0, float s1, float s2, float* out);
int vae_normalize(sf::Stream s, const uint8_t* rgb, int w, int h, float* out);
int tensor_to_image(sf::Stream s, const float* nchw, int w, int h, uint8_t* rgb);
}  // namespace SF_OPS_NS
