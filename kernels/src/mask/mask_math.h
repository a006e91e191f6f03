// Element math of the mask kernels: the single source both backends compile.
#pragma once

#include <cmath>
#include <cstdint>

#include "common/launch.h"
#include "common/sam_geometry.h"

namespace sf_mask {

// Pixels per functor call. On the CPU a span of contiguous pixels gives g++ an inner loop it can
// vectorise; on CUDA one pixel per thread keeps accesses coalesced. The per-pixel math is the
// same either way, only the traversal differs.
#if defined(__CUDACC__)
constexpr int kSpan = 1;
#else
constexpr int kSpan = 256;
#endif

SF_HD SF_INLINE int imin(int a, int b) { return a < b ? a : b; }
SF_HD SF_INLINE int imax(int a, int b) { return a > b ? a : b; }
SF_HD SF_INLINE int clampi(int v, int lo, int hi) { return v < lo ? lo : (v > hi ? hi : v); }

// ---------------------------------------------------------------------------------------------
// Interpolation (torch semantics, float arithmetic in a fixed order so Java can reproduce it).

/// One axis of torch bilinear with align_corners=False.
struct Linear {
  int i0, i1;
  float l0, l1;
};

/// torch: src = max(scale * (dst + 0.5) - 0.5, 0), i0 = (int)src, i1 = min(i0 + 1, in - 1).
SF_HD SF_INLINE Linear torch_linear(int dst, int in, float scale) {
  float src = scale * (static_cast<float>(dst) + 0.5f) - 0.5f;
  if (src < 0.0f) src = 0.0f;
  int i0 = static_cast<int>(src);
  if (i0 > in - 1) i0 = in - 1;
  Linear r;
  r.i0 = i0;
  r.i1 = i0 < in - 1 ? i0 + 1 : i0;
  r.l1 = src - static_cast<float>(i0);
  r.l0 = 1.0f - r.l1;
  return r;
}

SF_HD SF_INLINE float bilerp(const Linear& ly, const Linear& lx, float v00, float v01, float v10,
                             float v11) {
  return ly.l0 * (lx.l0 * v00 + lx.l1 * v01) + ly.l1 * (lx.l0 * v10 + lx.l1 * v11);
}

/// torch nearest (not "nearest-exact"): min(floor(dst * (in / out) as float), in - 1).
SF_HD SF_INLINE int torch_nearest(int dst, int in, float scale) {
  const int s = static_cast<int>(static_cast<float>(dst) * scale);  // >= 0, so truncation = floor
  return s < in - 1 ? s : in - 1;
}

/// SAM's low-res logits are 256x256 and are first upsampled to the 1024x1024 padded frame.
constexpr int kSamLowRes = 256;
constexpr int kSamFrame = 1024;

using sf::sam_resized_size;

/// Value of the 1024-frame pixel (fy, fx): torch bilinear of the 256x256 logits.
SF_HD SF_INLINE float sam_frame_value(const float* logits, const Linear& fy, const Linear& fx) {
  const float* r0 = logits + fy.i0 * kSamLowRes;
  const float* r1 = logits + fy.i1 * kSamLowRes;
  return bilerp(fy, fx, r0[fx.i0], r0[fx.i1], r1[fx.i0], r1[fx.i1]);
}

// ---------------------------------------------------------------------------------------------
// Blend.

/// Exact v / 255 for v in [0, 65534] without a division (checked exhaustively in the tests).
SF_HD SF_INLINE uint16_t div255(uint16_t v) {
  return static_cast<uint16_t>(static_cast<uint16_t>(v + 1 + (v >> 8)) >> 8);
}

/// (o * (255 - a) + g * a + 127) / 255. The numerator is at most 65152, so every step fits 16
/// bits and the CPU twin vectorises with 8 lanes.
SF_HD SF_INLINE uint8_t blend_u8(uint16_t o, uint16_t g, uint16_t a) {
  return static_cast<uint8_t>(div255(static_cast<uint16_t>(o * (255 - a) + g * a + 127)));
}

// ---------------------------------------------------------------------------------------------
// Morphology.

/// floor(sqrt(n)) exactly, for 0 <= n < 2^52.
SF_HD SF_INLINE int64_t isqrt(int64_t n) {
  int64_t s = static_cast<int64_t>(::sqrt(static_cast<double>(n)));
  while (s * s > n) --s;
  while ((s + 1) * (s + 1) <= n) ++s;
  return s;
}

/// Vertical distances are stored saturated at this value (larger than any supported radius).
constexpr uint32_t kFar = 65535;

/// Half-chord lengths floor(sqrt(r^2 - d^2)) for |d| <= kReachTable, computed once on the host
/// with exact integer arithmetic; longer offsets (radius > kReachTable) fall back to isqrt.
constexpr int kReachTable = 1023;
struct MorphReach {
  int radius;
  uint16_t reach[kReachTable + 1];
};

inline MorphReach morph_reach(int radius) {
  MorphReach m{};
  m.radius = radius;
  const int64_t r2 = static_cast<int64_t>(radius) * radius;
  for (int d = 0; d <= kReachTable && d <= radius; ++d) {
    m.reach[d] = static_cast<uint16_t>(isqrt(r2 - static_cast<int64_t>(d) * d));
  }
  return m;
}

SF_HD SF_INLINE uint32_t morph_reach_at(const MorphReach& m, int d) {
  if (d < 0) d = -d;
  if (d <= kReachTable) return m.reach[d];
  const int64_t r = m.radius;
  return static_cast<uint32_t>(isqrt(r * r - static_cast<int64_t>(d) * d));
}

// ---------------------------------------------------------------------------------------------
// Feather.

constexpr int kMaxFeatherRadius = 255;

/// The feather workspace is the uint16 intermediate plus one flag byte per row and block of
/// kFeatherFlagColumns columns (used by the CPU twin only; the size is the same for both).
constexpr int kFeatherFlagColumns = 64;
SF_HD SF_INLINE int feather_flag_spans(int w) {
  return (w + kFeatherFlagColumns - 1) / kFeatherFlagColumns;
}

/// Q12 Gaussian taps for -radius..radius, summing to exactly 4096. Computed once on the host
/// (see feather_taps in mask_api.cpp) and passed by value to both backends.
struct FeatherTaps {
  int radius;
  int16_t w[2 * kMaxFeatherRadius + 1];  // w[radius + k] is the weight of offset k; symmetric
};

// ---------------------------------------------------------------------------------------------
// Stroke.

/// Whether the centre of pixel (x, y), i.e. (x + 0.5, y + 0.5), lies within sqrt(r2) of the
/// segment a-b (a point when a == b). Float operations in this exact order; Java mirrors them.
SF_HD SF_INLINE bool near_segment(int x, int y, float ax, float ay, float bx, float by, float r2) {
  const float px = static_cast<float>(x) + 0.5f;
  const float py = static_cast<float>(y) + 0.5f;
  const float dx = bx - ax;
  const float dy = by - ay;
  const float len2 = dx * dx + dy * dy;
  float t = 0.0f;
  if (len2 > 0.0f) {
    t = ((px - ax) * dx + (py - ay) * dy) / len2;
    t = t < 0.0f ? 0.0f : (t > 1.0f ? 1.0f : t);
  }
  const float ex = px - (ax + t * dx);
  const float ey = py - (ay + t * dy);
  return ex * ex + ey * ey <= r2;
}

}  // namespace sf_mask
