#include "api/dispatch.h"

#define SF_OPS_HEADER "latent/latent_ops.h"
#include "api/declare_backends.inc"

extern "C" {

int sf_f32_to_f16(int device, void* stream, const float* in, uint16_t* out, int64_t n) {
  return SF_DISPATCH(device, f32_to_f16, stream, in, out, n);
}

int sf_f16_to_f32(int device, void* stream, const uint16_t* in, float* out, int64_t n) {
  return SF_DISPATCH(device, f16_to_f32, stream, in, out, n);
}

int sf_unet_input_f32(int device, void* stream, const float* latents, const float* mask,
                      const float* masked_latents, int batch, int mask_batch, int h, int w,
                      float scale, int copies, float* out) {
  return SF_DISPATCH(device, unet_input_f32, stream, latents, mask, masked_latents, batch,
                     mask_batch, h, w, scale, copies, out);
}

int sf_sampler_step_f32(int device, void* stream, const float* model_out, float* latents,
                        float* history, int batch, int64_t n, int cfg, float guidance,
                        const float* coef, uint64_t seed, uint32_t noise_stream) {
  // coef is read on the host by both backends; a missing array would crash, not just misbehave.
  if (coef == nullptr) return SF_ERR_INVALID_ARGUMENT;
  return SF_DISPATCH(device, sampler_step_f32, stream, model_out, latents, history, batch, n, cfg,
                     guidance, coef, seed, noise_stream);
}

int sf_unet_input_planned_f32(int device, void* stream, const float* latents, const float* mask,
                              const float* masked_latents, int batch, int mask_batch, int h,
                              int w, int copies, const sf_step_plan* plans, int plan_count,
                              const int32_t* step, float* out, float* timestep_out) {
  return SF_DISPATCH(device, unet_input_planned_f32, stream, latents, mask, masked_latents, batch,
                     mask_batch, h, w, copies, plans, plan_count, step, out, timestep_out);
}

int sf_sampler_step_planned_f32(int device, void* stream, const float* model_out,
                                float* latents, float* history, int batch, int64_t n, int cfg,
                                float guidance, const sf_step_plan* plans, int plan_count,
                                const int32_t* step, uint64_t seed) {
  return SF_DISPATCH(device, sampler_step_planned_f32, stream, model_out, latents, history, batch,
                     n, cfg, guidance, plans, plan_count, step, seed);
}

int sf_step_advance(int device, void* stream, int32_t* step) {
  return SF_DISPATCH(device, step_advance, stream, step);
}

int sf_copy_to_step_slot_f32(int device, void* stream, const float* src, float* ring, int64_t n,
                             int slots, const int32_t* step) {
  return SF_DISPATCH(device, copy_to_step_slot_f32, stream, src, ring, n, slots, step);
}

int sf_add_noise_f32(int device, void* stream, const float* x0, const float* noise, float a,
                     float b, float* out, int64_t n) {
  return SF_DISPATCH(device, add_noise_f32, stream, x0, noise, a, b, out, n);
}

}  // extern "C"
