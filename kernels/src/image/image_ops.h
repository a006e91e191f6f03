// Backend entry points of the image kernels (see api/declare_backends.inc; no include guard).
#include <cstdint>
#include "common/launch.h"
#include "image/pixel_convert.h"

namespace SF_OPS_NS {
int64_t resample_workspace_bytes(int in_w, int in_h, int out_w, int out_h, int channels,
                                 int filter);
int resample_u8(sf::Stream s, const uint8_t* in, int in_w, int in_h, int channels, uint8_t* out,
                int out_w, int out_h, int filter, void* workspace);
int64_t sam_preprocess_workspace_bytes(int w, int h);
int sam_preprocess(sf::Stream s, const uint8_t* rgb, int w, int h, sf_image::Norm3 norm,
                   float* out, void* workspace);
int64_t vae_preprocess_workspace_bytes(int w, int h, int out_w, int out_h);
int vae_preprocess(sf::Stream s, const uint8_t* rgb, int w, int h, float* out, int out_w,
                   int out_h, void* workspace);
int tensor_to_image(sf::Stream s, const float* nchw, int w, int h, uint8_t* rgb);
}  // namespace SF_OPS_NS
