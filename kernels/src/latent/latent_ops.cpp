// Latent kernels, compiled once per backend (see Makefile).
#include "latent/latent_ops.h"
#include "latent/half.h"
#include "latent/sampler_step.h"
#include "noise/philox.h"

// The Java side writes this layout byte for byte.
static_assert(sizeof(sf_step_plan) == 40, "sf_step_plan must be 40 bytes without padding");

namespace SF_OPS_NS {

namespace {

struct UnetInput {
  const float* latents;
  const float* mask;
  const float* masked;
  int64_t hw;
  int batch;
  int mask_batch;
  float scale;
  float* out;

  // One output plane per row of the 2D launch, so the plane arithmetic is per row and the
  // inner loop over pixels is a contiguous copy or scale.
  SF_HD void operator()(int x, int plane_index) const {
    const int64_t p = x;
    const int64_t plane = plane_index;
    const int64_t o = plane * hw + p;
    const int64_t sample = plane / 9;
    const int ch = static_cast<int>(plane - sample * 9);
    const int64_t b = sample % batch;
    const int64_t mb = b % mask_batch;
    float v;
    if (ch < 4) {
      v = latents[(b * 4 + ch) * hw + p] * scale;
    } else if (ch == 4) {
      v = mask[mb * hw + p];
    } else {
      v = masked[(mb * 4 + (ch - 5)) * hw + p];
    }
    out[o] = v;
  }
};

// No noise: one element per work item, contiguous, no index division.
template <bool kCfg, int kHist, bool kFull = true>
struct Step {
  const float* model_out;
  float* latents;
  float* history;
  int64_t cond_offset;
  float guidance;
  sf::StepCoefs k;

  SF_HD void operator()(int64_t idx) const { at(idx, 0.0f); }

  /// Updates element idx with the noise value z.
  SF_HD void at(int64_t idx, float z) const {
    sf::step_element<kCfg, kHist, kFull>(model_out, latents, history, cond_offset, guidance, k,
                                         idx, z);
  }
};

// With noise: one Philox block (4 elements of one sample) per work item, as in sf_randn_f32.
template <bool kCfg, int kHist>
struct NoisyStep {
  Step<kCfg, kHist> step;
  int64_t n;
  int64_t blocks_per_sample;
  uint64_t seed;
  uint32_t stream;

  SF_HD void operator()(int64_t g) const {
    const Step<kCfg, kHist>& st = step;
    sf::visit_noise_block(g, n, blocks_per_sample, seed, stream,
                          [&st](int64_t i, float z) { st.at(i, z); });
  }
};

template <bool kCfg, int kHist>
int launch_step(sf::Stream s, const float* model_out, float* latents, float* history, int batch,
                int64_t n, float guidance, const sf::StepCoefs& k, uint64_t seed,
                uint32_t noise_stream) {
  const int64_t total = static_cast<int64_t>(batch) * n;
  const bool euler_family = kHist == sf::kNoHistory && k.p == 0.0f && k.q == 0.0f &&
                            k.b == 0.0f && k.c == 0.0f;
  if (k.e == 0.0f && euler_family) {
    return sf::for_each(s, total,
                        Step<kCfg, kHist, false>{model_out, latents, history, total, guidance, k});
  }
  if (k.e == 0.0f) {
    return sf::for_each(s, total,
                        Step<kCfg, kHist>{model_out, latents, history, total, guidance, k});
  }
  const int64_t blocks = (n + 3) / 4;
  return sf::for_each(s, blocks * batch,
                      NoisyStep<kCfg, kHist>{
                          Step<kCfg, kHist>{model_out, latents, history, total, guidance, k}, n,
                          blocks, seed, noise_stream},
                      sf::kHeavyParallelThreshold);
}


// The planned variants: the step's values come from plans[*step] in device memory, so a captured
// CUDA graph replays every step with the values of the step it is at.
struct PlannedUnetInput {
  UnetInput base;
  const sf_step_plan* plans;
  int plan_count;
  const int32_t* step;
  float* timestep_out;

  SF_HD void operator()(int x, int plane_index) const {
    const int32_t k = *step;
    if (k < 0 || k >= plan_count) return;
    UnetInput at = base;
    at.scale = plans[k].input_scale;
    at(x, plane_index);
    if (x == 0 && plane_index == 0) *timestep_out = plans[k].timestep;
  }
};

// One Philox block (4 elements of one sample) per work item, as the noisy eager step; the
// history mode and the Euler shortcut are chosen per item from the plan exactly as the eager
// launch chooses them on the host, so both give the same bits.
template <bool kCfg>
struct PlannedStep {
  const float* model_out;
  float* latents;
  float* history;
  int64_t n;
  int64_t blocks_per_sample;
  int64_t cond_offset;
  float guidance;
  const sf_step_plan* plans;
  int plan_count;
  const int32_t* step;
  uint64_t seed;

  template <int kHist, bool kFull>
  SF_HD void block(int64_t g, const sf::StepCoefs& k, uint32_t noise_stream) const {
    const float* mo = model_out;
    float* lat = latents;
    float* hist = history;
    const int64_t off = cond_offset;
    const float gd = guidance;
    auto visit = [mo, lat, hist, off, gd, &k](int64_t i, float z) {
      sf::step_element<kCfg, kHist, kFull>(mo, lat, hist, off, gd, k, i, z);
    };
    if (k.e != 0.0f) {
      sf::visit_noise_block(g, n, blocks_per_sample, seed, noise_stream, visit);
      return;
    }
    const int64_t b = g / blocks_per_sample;
    const int64_t i0 = 4 * (g - b * blocks_per_sample);
    const int64_t count = n - i0 < 4 ? n - i0 : 4;
    for (int64_t j = 0; j < count; ++j) visit(b * n + i0 + j, 0.0f);
  }

  SF_HD void operator()(int64_t g) const {
    const int32_t s = *step;
    if (s < 0 || s >= plan_count) return;
    const sf_step_plan& p = plans[s];
    const sf::StepCoefs k{p.coef[0], p.coef[1], p.coef[2], p.coef[3],
                          p.coef[4], p.coef[5], p.coef[6]};
    if (history == nullptr) {
      const bool euler = k.p == 0.0f && k.q == 0.0f && k.b == 0.0f && k.c == 0.0f && k.e == 0.0f;
      if (euler) {
        block<sf::kNoHistory, false>(g, k, p.noise_stream);
      } else {
        block<sf::kNoHistory, true>(g, k, p.noise_stream);
      }
    } else if (k.c == 0.0f) {
      block<sf::kWriteHistory, true>(g, k, p.noise_stream);
    } else {
      block<sf::kReadWriteHistory, true>(g, k, p.noise_stream);
    }
  }
};

// One element of the step's slot per work item. Every item reads the index itself: the value
// is the same for all of them, and a captured launch cannot take it as an argument.
struct CopyToStepSlot {
  const float* src;
  float* ring;
  int64_t n;
  int slots;
  const int32_t* step;

  SF_HD void operator()(int64_t i) const {
    const int32_t k = *step;
    if (k < 0) return;
    ring[static_cast<int64_t>(k % slots) * n + i] = src[i];
  }
};

}  // namespace

int f32_to_f16(sf::Stream s, const float* in, uint16_t* out, int64_t n) {
  return sf::for_each(s, n, [=] SF_HD(int64_t i) {
    uint32_t bits;
    memcpy(&bits, &in[i], sizeof bits);
    out[i] = sf::f32_to_f16_bits(bits);
  });
}

int f16_to_f32(sf::Stream s, const uint16_t* in, float* out, int64_t n) {
  return sf::for_each(s, n, [=] SF_HD(int64_t i) {
    const uint32_t bits = sf::f16_to_f32_bits(in[i]);
    memcpy(&out[i], &bits, sizeof bits);
  });
}

int unet_input_f32(sf::Stream s, const float* latents, const float* mask,
                   const float* masked_latents, int batch, int mask_batch, int h, int w,
                   float scale, int copies, float* out) {
  if (batch <= 0 || mask_batch <= 0 || h <= 0 || w <= 0 || copies < 1 || copies > 2) {
    return sf::kInvalidArgument;
  }
  const int64_t hw = static_cast<int64_t>(h) * w;
  const int planes = copies * batch * 9;
  return sf::for_each_2d(s, static_cast<int>(hw), planes,
                         UnetInput{latents, mask, masked_latents, hw, batch, mask_batch, scale, out});
}

int sampler_step_f32(sf::Stream s, const float* model_out, float* latents, float* history,
                     int batch, int64_t n, int cfg, float guidance, const float* coef,
                     uint64_t seed, uint32_t noise_stream) {
  if (batch <= 0 || n <= 0) return sf::kInvalidArgument;
  // coef is a host array: copied into the functor, so the kernel reads it by value.
  const sf::StepCoefs k{coef[0], coef[1], coef[2], coef[3], coef[4], coef[5], coef[6]};
  const int mode = history == nullptr ? sf::kNoHistory
                   : k.c == 0.0f      ? sf::kWriteHistory
                                      : sf::kReadWriteHistory;
#define SF_STEP_LAUNCH(cfg_, mode_) \
  launch_step<cfg_, mode_>(s, model_out, latents, history, batch, n, guidance, k, seed, \
                           noise_stream)
  switch (mode + (cfg ? 3 : 0)) {
    case 0: return SF_STEP_LAUNCH(false, sf::kNoHistory);
    case 1: return SF_STEP_LAUNCH(false, sf::kWriteHistory);
    case 2: return SF_STEP_LAUNCH(false, sf::kReadWriteHistory);
    case 3: return SF_STEP_LAUNCH(true, sf::kNoHistory);
    case 4: return SF_STEP_LAUNCH(true, sf::kWriteHistory);
    default: return SF_STEP_LAUNCH(true, sf::kReadWriteHistory);
  }
#undef SF_STEP_LAUNCH
}

int unet_input_planned_f32(sf::Stream s, const float* latents, const float* mask,
                           const float* masked_latents, int batch, int mask_batch, int h, int w,
                           int copies, const sf_step_plan* plans, int plan_count,
                           const int32_t* step, float* out, float* timestep_out) {
  if (batch <= 0 || mask_batch <= 0 || h <= 0 || w <= 0 || copies < 1 || copies > 2 ||
      plan_count <= 0) {
    return sf::kInvalidArgument;
  }
#if !defined(__CUDACC__)
  // The CPU twin's "device" memory is host memory, so the plan is read once per launch instead
  // of once per element (where every write to `out` could alias it and force a reload: the
  // planned step cost 3x the eager one); the eager kernel then runs the same element functor.
  // PlannedStepKernelsGpuTest checks the device's per-thread reading against this bit for bit.
  const int32_t k = *step;
  if (k < 0 || k >= plan_count) return sf::kOk;
  *timestep_out = plans[k].timestep;
  return unet_input_f32(s, latents, mask, masked_latents, batch, mask_batch, h, w,
                        plans[k].input_scale, copies, out);
#else
  const int64_t hw = static_cast<int64_t>(h) * w;
  const int planes = copies * batch * 9;
  const UnetInput base{latents, mask, masked_latents, hw, batch, mask_batch, 1.0f, out};
  return sf::for_each_2d(s, static_cast<int>(hw), planes,
                         PlannedUnetInput{base, plans, plan_count, step, timestep_out});
#endif
}

int sampler_step_planned_f32(sf::Stream s, const float* model_out, float* latents,
                             float* history, int batch, int64_t n, int cfg, float guidance,
                             const sf_step_plan* plans, int plan_count, const int32_t* step,
                             uint64_t seed) {
  if (batch <= 0 || n <= 0 || plan_count <= 0) return sf::kInvalidArgument;
#if !defined(__CUDACC__)
  // As in unet_input_planned_f32: on the CPU twin the plan is read once, on the host, and the
  // eager step runs; it chooses the history mode and the Euler shortcut as PlannedStep does.
  {
    const int32_t k = *step;
    if (k < 0 || k >= plan_count) return sf::kOk;
    return sampler_step_f32(s, model_out, latents, history, batch, n, cfg, guidance,
                            plans[k].coef, seed, plans[k].noise_stream);
  }
#endif
  const int64_t blocks = (n + 3) / 4;
  const int64_t total = static_cast<int64_t>(batch) * n;
  // Whether a step draws noise is known only on the device; the CPU twin splits the loop as for
  // plain elements, since most steps of most samplers draw none.
  const int64_t threshold = sf::kParallelThreshold / 4;
  if (cfg) {
    return sf::for_each(s, blocks * batch,
                        PlannedStep<true>{model_out, latents, history, n, blocks, total, guidance,
                                          plans, plan_count, step, seed},
                        threshold);
  }
  return sf::for_each(s, blocks * batch,
                      PlannedStep<false>{model_out, latents, history, n, blocks, total, guidance,
                                         plans, plan_count, step, seed},
                      threshold);
}

int step_advance(sf::Stream s, int32_t* step) {
  return sf::for_each(s, 1, [=] SF_HD(int64_t) { *step += 1; });
}

int copy_to_step_slot_f32(sf::Stream s, const float* src, float* ring, int64_t n, int slots,
                          const int32_t* step) {
  // slots <= 0 would divide by zero on the device; n <= 0 has nothing to copy into a slot.
  if (n <= 0 || slots <= 0) return sf::kInvalidArgument;
  return sf::for_each(s, n, CopyToStepSlot{src, ring, n, slots, step});
}

int add_noise_f32(sf::Stream s, const float* x0, const float* noise, float a, float b, float* out,
                  int64_t n) {
  return sf::for_each(s, n, [=] SF_HD(int64_t i) { out[i] = a * x0[i] + b * noise[i]; });
}

}  // namespace SF_OPS_NS
