// Philox4x32-10 and the Box-Muller normals of sf_randn_f32: the single source of every random
// number segfill draws, on the CPU twin and on CUDA.
//
// Bit-exactness across devices: everything below uses only integer ops and IEEE float
// +, -, *, / and sqrt (all correctly rounded on both sides, no FMA: -ffp-contract=off and
// --fmad=false). logf and sin/cos are our own polynomials, never libm or CUDA intrinsics, whose
// results differ between glibc and CUDA. The Java twin in the test tree mirrors this file
// operation for operation; change both together.
//
// Layout of sf_randn_f32 (also in segfill/noise.h):
//   sample b uses key {lo32(seed + b), hi32(seed + b)} (64-bit wrap-around),
//   element i uses counter {lo32(i / 4), hi32(i / 4), stream, 0} and lane i % 4 of the block;
//   lanes (0, 1) and (2, 3) are Box-Muller pairs (x, y):
//     u = ((x >> 8) + 1) * 2^-24 in (0, 1],  v = (y >> 8) * 2^-24 in [0, 1),
//     r = sqrt(-2 ln u),  z_even = r cos(2 pi v),  z_odd = r sin(2 pi v).
#pragma once

#include <cstdint>
#include <cmath>
#include <cstring>

#include "common/launch.h"

namespace sf {
// Internal linkage: the CPU and CUDA objects each keep their own copy (no ODR merging of
// host versions built with different flags).
namespace {

struct Philox4 {
  uint32_t v[4];
};

SF_HD SF_INLINE uint32_t mulhilo32(uint32_t a, uint32_t b, uint32_t* hi) {
  const uint64_t p = static_cast<uint64_t>(a) * b;
  *hi = static_cast<uint32_t>(p >> 32);
  return static_cast<uint32_t>(p);
}

/// Philox4x32 with 10 rounds (Salmon et al., SC'11).
SF_HD SF_INLINE Philox4 philox4x32_10(uint32_t c0, uint32_t c1, uint32_t c2, uint32_t c3,
                                      uint32_t k0, uint32_t k1) {
  for (int round = 0; round < 10; ++round) {
    if (round > 0) {
      k0 += 0x9E3779B9u;
      k1 += 0xBB67AE85u;
    }
    uint32_t hi0, hi1;
    const uint32_t lo0 = mulhilo32(0xD2511F53u, c0, &hi0);
    const uint32_t lo1 = mulhilo32(0xCD9E8D57u, c2, &hi1);
    const uint32_t n0 = hi1 ^ c1 ^ k0;
    const uint32_t n2 = hi0 ^ c3 ^ k1;
    c0 = n0;
    c1 = lo1;
    c2 = n2;
    c3 = lo0;
  }
  return Philox4{{c0, c1, c2, c3}};
}

SF_HD SF_INLINE uint32_t float_bits(float f) {
  uint32_t u;
  memcpy(&u, &f, sizeof u);
  return u;
}

SF_HD SF_INLINE float bits_float(uint32_t u) {
  float f;
  memcpy(&f, &u, sizeof f);
  return f;
}

/// Natural log for finite x > 0 (normal or subnormal), within 1 ulp of the true value.
/// x = 2^k * (1 + f) with 1 + f in [sqrt(1/2), sqrt(2)); ln(1 + f) = 2 atanh(s), s = f / (2 + f),
/// written as f - (f^2/2 - s (f^2/2 + R)) so the large terms stay exact.
SF_HD SF_INLINE float sf_logf(float x) {
  uint32_t ix = float_bits(x);
  int k = 0;
  if (ix < 0x00800000u) {  // subnormal: scale up by 2^25 (exact)
    x *= 33554432.0f;
    ix = float_bits(x);
    k = -25;
  }
  // Offset so that the mantissa lands in [sqrt(1/2), sqrt(2)) (0x3f3504f3 ~ sqrt(1/2)).
  ix += 0x3f800000u - 0x3f3504f3u;
  k += static_cast<int>(ix >> 23) - 127;
  ix = (ix & 0x007fffffu) + 0x3f3504f3u;
  const float f = bits_float(ix) - 1.0f;
  const float s = f / (2.0f + f);
  const float z = s * s;
  // Taylor coefficients of 2 atanh(s)/s - 2 in z = s^2: 2/3, 2/5, 2/7, 2/9, 2/11; |z| < 0.0295, so
  // the first omitted term is below 1e-10 relative.
  const float r = z * (0x1.555556p-1f +
                       z * (0x1.99999ap-2f + z * (0x1.24924ap-2f + z * (0x1.c71c72p-3f +
                                                                         z * 0x1.745d18p-3f))));
  const float hfsq = 0.5f * f * f;
  const float kf = static_cast<float>(k);
  // ln 2 split so that kf * kLn2Hi is exact (13 significant bits, |k| <= 150).
  const float kLn2Hi = 0x1.62ep-1f;
  const float kLn2Lo = 0x1.0bfbe8p-15f;
  return kf * kLn2Hi - ((hfsq - (s * (hfsq + r) + kf * kLn2Lo)) - f);
}

/// sin(2 pi v) and cos(2 pi v) for v in [0, 1) with v a multiple of 2^-24 (so the reduction
/// below is exact): v = q/4 + t with q = round(4v), |t| <= 1/8, then Taylor series of
/// sin/cos(2 pi t) (|2 pi t| <= pi/4, truncation below 3e-10) and the quadrant swap.
/// Error vs the exact values: <= 1.5 ulp over every such v (NoiseMathTest).
SF_HD SF_INLINE void sf_sincos_2pi(float v, float* s, float* c) {
  const float q = static_cast<float>(static_cast<int>(v * 4.0f + 0.5f));
  const float t = v - q * 0.25f;
  const float u = t * t;
  // (2 pi)^(2k+1) / (2k+1)! with alternating signs.
  const float sp =
      u * (-0x1.4abbcep+5f +
           u * (0x1.466bc6p+6f +
                u * (-0x1.32d2ccp+6f + u * (0x1.507834p+5f + u * -0x1.e30750p+3f))));
  // The leading term t * 2 pi is formed exactly as th * kTwoPiHi (<= 9 + 15 significant bits)
  // plus small corrections, which keeps sin within 1 ulp where it matters most.
  const float kTwoPiHi = 0x1.921cp+2f;
  const float kTwoPiLo = 0x1.daa222p-13f;
  const float th = static_cast<float>(static_cast<int>(t * 4096.0f)) * 0x1.0p-12f;
  const float tl = t - th;
  const float sn = th * kTwoPiHi + ((tl * kTwoPiHi + t * kTwoPiLo) + t * sp);
  // (2 pi)^(2k) / (2k)! with alternating signs, beyond the leading 1.
  const float cp =
      u * (-0x1.3bd3ccp+4f +
           u * (0x1.03c1f0p+6f +
                u * (-0x1.55d3c8p+6f + u * (0x1.e1f506p+5f + u * -0x1.a6d1f2p+4f))));
  const float cs = 1.0f + cp;
  switch (static_cast<int>(q) & 3) {
    case 0:
      *s = sn;
      *c = cs;
      break;
    case 1:
      *s = cs;
      *c = -sn;
      break;
    case 2:
      *s = -sn;
      *c = -cs;
      break;
    default:
      *s = -cs;
      *c = sn;
      break;
  }
}

/// One Box-Muller pair from two Philox words (see the layout above).
SF_HD SF_INLINE void box_muller(uint32_t x, uint32_t y, float* z0, float* z1) {
  const float u = static_cast<float>((x >> 8) + 1u) * 0x1.0p-24f;
  const float v = static_cast<float>(y >> 8) * 0x1.0p-24f;
  const float r = sqrtf(-2.0f * sf_logf(u));
  float sn, cs;
  sf_sincos_2pi(v, &sn, &cs);
  *z0 = r * cs;
  *z1 = r * sn;
}

/// The four normals of block q (elements 4q .. 4q+3) of the sample keyed by `key`.
SF_HD SF_INLINE void randn4(uint64_t key, uint64_t q, uint32_t stream, float* z) {
  const Philox4 p = philox4x32_10(static_cast<uint32_t>(q), static_cast<uint32_t>(q >> 32), stream,
                                  0u, static_cast<uint32_t>(key), static_cast<uint32_t>(key >> 32));
  box_muller(p.v[0], p.v[1], &z[0], &z[1]);
  box_muller(p.v[2], p.v[3], &z[2], &z[3]);
}

/// Work item g of the [batch, n] noise layout: draws the Philox block of sample
/// b = g / blocks_per_sample and calls visit(flat_index, z) for its (up to 4) elements, where
/// flat_index = b * n + i. Shared by sf_randn_f32 and the ancestral sampler step so both draw the
/// same noise for the same element.
template <class Visit>
SF_HD SF_INLINE void visit_noise_block(int64_t g, int64_t n, int64_t blocks_per_sample,
                                       uint64_t seed, uint32_t stream, const Visit& visit) {
  const int64_t b = g / blocks_per_sample;
  const int64_t q = g - b * blocks_per_sample;
  float z[4];
  randn4(seed + static_cast<uint64_t>(b), static_cast<uint64_t>(q), stream, z);
  const int64_t i0 = 4 * q;
  const int64_t count = n - i0 < 4 ? n - i0 : 4;
  for (int64_t j = 0; j < count; ++j) visit(b * n + i0 + j, z[j]);
}

}  // namespace
}  // namespace sf
