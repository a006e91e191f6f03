// Element math of sf_sampler_step_f32 (segfill/latent.h). The operation order is part of the
// contract: the Java reference in the test tree repeats it to compare bit for bit.
#pragma once

#include <cstdint>

#include "common/launch.h"

namespace sf {
namespace {

struct StepCoefs {
  float p, q, a, b, c, d, e;
};

/// History use of one launch: none, write m0 only (C == 0, e.g. the first DPM++ step, so a fresh
/// buffer is never read), or read m1 then write m0.
enum HistoryMode { kNoHistory = 0, kWriteHistory = 1, kReadWriteHistory = 2 };

/// Updates element idx of latents [batch, n] (flat index); `cond_offset` = batch * n locates the
/// conditional half of model_out. kCfg / kHist are fixed per launch so the loop has no branches.
/// Operation order (no FMA): eps = u + g (c - u); m0 = P x + Q eps;
/// x' = (((A x + B m0) + C m1) + D eps) + E z, with m1 = 0 unless history is read.
/// kFull = false is the Euler-family shortcut (P = Q = B = C = 0, no history):
/// E = 0: x' = A x + D eps, the same value as the full form for finite inputs with a third of
/// the arithmetic, which matters when the latents sit in cache.
template <bool kCfg, int kHist, bool kFull = true>
SF_HD SF_INLINE void step_element(const float* model_out, float* latents, float* history,
                                  int64_t cond_offset, float guidance, const StepCoefs& k,
                                  int64_t idx, float z) {
  float eps;
  if (kCfg) {
    const float u = model_out[idx];
    const float c = model_out[idx + cond_offset];
    eps = u + guidance * (c - u);
  } else {
    eps = model_out[idx];
  }
  const float x = latents[idx];
  if (!kFull) {
    latents[idx] = k.a * x + k.d * eps;
    return;
  }
  const float m0 = k.p * x + k.q * eps;
  const float m1 = kHist == kReadWriteHistory ? history[idx] : 0.0f;
  latents[idx] = k.a * x + k.b * m0 + k.c * m1 + k.d * eps + k.e * z;
  if (kHist != kNoHistory) history[idx] = m0;
}

}  // namespace
}  // namespace sf
