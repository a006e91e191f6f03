// Backend entry points of the mask kernels (see api/declare_backends.inc; no include guard).
#include <cstdint>
#include "common/launch.h"
#include "mask/mask_math.h"

namespace SF_OPS_NS {
int mask_binarize_u8(sf::Stream s, const uint8_t* in, uint8_t* out, int64_t n, int threshold);
int mask_invert_u8(sf::Stream s, const uint8_t* in, uint8_t* out, int64_t n);
int sam_mask_postprocess(sf::Stream s, const float* logits, int orig_w, int orig_h,
                         float threshold, uint8_t* out);
int mask_downsample_nearest(sf::Stream s, const uint8_t* in, int w, int h, float* out, int out_w,
                            int out_h);
int mask_morph_u8(sf::Stream s, const uint8_t* in, uint8_t* out, int w, int h, int radius,
                  int erode, void* workspace);
int mask_feather_u8(sf::Stream s, const uint8_t* in, uint8_t* out, int w, int h,
                    const sf_mask::FeatherTaps& taps, void* workspace);
int mask_stroke_u8(sf::Stream s, uint8_t* mask, int w, int h, const float* points_xy,
                   int npoints, float radius, int erase);
int blend_u8(sf::Stream s, const uint8_t* original, int w, int h, int channels,
             const uint8_t* generated, const uint8_t* alpha, int x0, int y0, int rw, int rh,
             uint8_t* out);
}  // namespace SF_OPS_NS
