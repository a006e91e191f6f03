/* Latent scheduling kernels: fp16 conversion, UNet input assembly, fused CFG + sampler step,
 * add-noise. Tensors are float32 NCHW unless named f16 (IEEE binary16 bits in uint16_t). */
#ifndef SEGFILL_LATENT_H
#define SEGFILL_LATENT_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** float32 -> IEEE half, round to nearest even; overflow gives inf, NaN stays NaN. */
int sf_f32_to_f16(int device, void* stream, const float* in, uint16_t* out, int64_t n);

/** IEEE half -> float32, exact (subnormals, infinities and NaN included). */
int sf_f16_to_f32(int device, void* stream, const uint16_t* in, float* out, int64_t n);

/**
 * Builds the 9-channel inpainting UNet input (contract B7 steps 1-3):
 * for k in [0, copies) and b in [0, batch):
 *   out[k*batch + b] = concat(latents[b] * scale, mask[b % mask_batch], masked[b % mask_batch])
 * with latents [batch,4,h,w], mask [mask_batch,1,h,w], masked_latents [mask_batch,4,h,w] and
 * out [copies*batch,9,h,w]. `scale` is scale_model_input's factor (1/sqrt(sigma^2+1) for Euler,
 * 1 for DPM++), applied to the 4 latent channels only. copies is 2 with CFG, else 1.
 */
int sf_unet_input_f32(int device, void* stream, const float* latents, const float* mask,
                      const float* masked_latents, int batch, int mask_batch, int h, int w,
                      float scale, int copies, float* out);

/** Number of coefficients sf_sampler_step_f32 reads. */
#define SF_STEP_COEFS 7

/**
 * One fused classifier-free-guidance + sampler update, in place on `latents` [batch, n]
 * (n = 4*h*w per sample). model_out is [copies*batch, n], uncond block first when cfg = 1:
 *   eps = cfg ? u + guidance * (c - u) : model_out[b]
 *   m0  = P * x + Q * eps                          (the x0 prediction, DPM++)
 *   x'  = A * x + B * m0 + C * m1 + D * eps + E * z
 * evaluated in exactly this order without FMA, i.e. x' = (((A x + B m0) + C m1) + D eps) + E z,
 * with coef = {P, Q, A, B, C, D, E} (host array), m1 = history[b] (read only when history is not
 * NULL and C != 0, else 0, so the first DPM++ step may pass a fresh buffer; overwritten by m0
 * whenever history is not NULL) and z the Philox normal for element i of sample b
 * (sf_randn_f32 layout with seed + b and `noise_stream`; drawn only when E != 0).
 * Euler: A = 1, D = sigma_next - sigma. Euler ancestral: A = 1, D = sigma_down - sigma,
 * E = sigma_up. DPM++ 2M: P = 1/alpha_s, Q = -sigma_s/alpha_s, A = sigma_t/sigma_s, B and C from
 * the multistep weights.
 */
int sf_sampler_step_f32(int device, void* stream, const float* model_out, float* latents,
                        float* history, int batch, int64_t n, int cfg, float guidance,
                        const float* coef, uint64_t seed, uint32_t noise_stream);

/** out[i] = a * x0[i] + b * noise[i] (scheduler add_noise: Euler a = 1, b = sigma). */
int sf_add_noise_f32(int device, void* stream, const float* x0, const float* noise, float a,
                     float b, float* out, int64_t n);

/**
 * One step of a planned denoising loop, kept in device memory so that a whole step can be captured
 * once in a CUDA graph and replayed: the planned kernels below read the current step's values
 * through a device-side step index instead of taking them as launch arguments. 40 bytes, no
 * padding; the Java side writes the same layout (LatentKernels.STEP_PLAN_BYTES).
 */
typedef struct sf_step_plan {
  float timestep;        /* the UNet's timestep input */
  float input_scale;     /* sf_unet_input_f32's scale */
  float coef[SF_STEP_COEFS]; /* sf_sampler_step_f32's {P, Q, A, B, C, D, E} */
  uint32_t noise_stream; /* sf_sampler_step_f32's noise stream */
} sf_step_plan;

/**
 * sf_unet_input_f32 with scale = plans[*step].input_scale, and *timestep_out =
 * plans[*step].timestep. `plans` [plan_count] and `step` are in the memory of `device`. When
 * *step lies outside [0, plan_count) nothing is written (the kernel cannot report it).
 */
int sf_unet_input_planned_f32(int device, void* stream, const float* latents, const float* mask,
                              const float* masked_latents, int batch, int mask_batch, int h,
                              int w, int copies, const sf_step_plan* plans, int plan_count,
                              const int32_t* step, float* out, float* timestep_out);

/**
 * sf_sampler_step_f32 with coef and noise_stream from plans[*step]; the same values bit for bit,
 * history mode and Euler shortcut included (chosen on the device from the plan). When *step lies
 * outside [0, plan_count) nothing is written.
 */
int sf_sampler_step_planned_f32(int device, void* stream, const float* model_out,
                                float* latents, float* history, int batch, int64_t n, int cfg,
                                float guidance, const sf_step_plan* plans, int plan_count,
                                const int32_t* step, uint64_t seed);

/** *step += 1, queued on the stream: the last node of a captured step. */
int sf_step_advance(int device, void* stream, int32_t* step);

/**
 * ring[(*step % slots) * n + i] = src[i] for i in [0, n): copies this step's values (a preview's
 * inputs) into slot *step % slots of a ring of `slots` buffers of n floats, without the host
 * knowing the step, so a captured step writes each replay into the slot of the step it is at.
 * `ring` [slots, n] and `step` are in the memory of `device`; the other slots are untouched.
 * When *step is negative nothing is written (the kernel cannot report it).
 */
int sf_copy_to_step_slot_f32(int device, void* stream, const float* src, float* ring, int64_t n,
                             int slots, const int32_t* step);

#ifdef __cplusplus
}
#endif

#endif
