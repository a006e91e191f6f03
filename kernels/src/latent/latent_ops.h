// Backend entry points of the latent kernels (see api/declare_backends.inc; no include guard).
#include <cstdint>
#include "common/launch.h"
#include "segfill/latent.h"

namespace SF_OPS_NS {
int f32_to_f16(sf::Stream s, const float* in, uint16_t* out, int64_t n);
int f16_to_f32(sf::Stream s, const uint16_t* in, float* out, int64_t n);
int unet_input_f32(sf::Stream s, const float* latents, const float* mask,
                   const float* masked_latents, int batch, int mask_batch, int h, int w,
                   float scale, int copies, float* out);
int sampler_step_f32(sf::Stream s, const float* model_out, float* latents, float* history,
                     int batch, int64_t n, int cfg, float guidance, const float* coef,
                     uint64_t seed, uint32_t noise_stream);
int unet_input_planned_f32(sf::Stream s, const float* latents, const float* mask,
                           const float* masked_latents, int batch, int mask_batch, int h, int w,
                           int copies, const sf_step_plan* plans, int plan_count,
                           const int32_t* step, float* out, float* timestep_out);
int sampler_step_planned_f32(sf::Stream s, const float* model_out, float* latents,
                             float* history, int batch, int64_t n, int cfg, float guidance,
                             const sf_step_plan* plans, int plan_count, const int32_t* step,
                             uint64_t seed);
int step_advance(sf::Stream s, int32_t* step);
int copy_to_step_slot_f32(sf::Stream s, const float* src, float* ring, int64_t n, int slots,
                          const int32_t* step);
int add_noise_f32(sf::Stream s, const float* x0, const float* noise, float a, float b, float* out,
                  int64_t n);
}  // namespace SF_OPS_NS
