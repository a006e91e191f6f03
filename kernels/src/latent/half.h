// IEEE binary16 <-> binary32 by bit manipulation only (no __half intrinsics, no F16C), so the
// CPU twin and CUDA give the same bits by construction.
#pragma once

#include <cstdint>
#include <cstring>

#include "common/launch.h"

namespace sf {
namespace {

/// float bits -> half bits, round to nearest even; >= 65520 in magnitude gives inf; NaN stays
/// NaN (quieted, top payload bits kept); subnormal halves rounded correctly; the sign of zero kept.
SF_HD SF_INLINE uint16_t f32_to_f16_bits(uint32_t x) {
  const uint32_t sign = (x >> 16) & 0x8000u;
  const uint32_t a = x & 0x7fffffffu;
  if (a > 0x7f800000u) return static_cast<uint16_t>(sign | 0x7e00u | ((a >> 13) & 0x03ffu));
  if (a >= 0x477ff000u) return static_cast<uint16_t>(sign | 0x7c00u);  // 65520 rounds up to 2^16
  if (a >= 0x38800000u) {                                               // normal half (>= 2^-14)
    // Rebias the exponent (127 -> 15), then round the 13 dropped bits to nearest even; a carry
    // out of the mantissa correctly bumps the exponent.
    const uint32_t m = a - 0x38000000u;
    return static_cast<uint16_t>(sign | ((m + 0x0fffu + ((m >> 13) & 1u)) >> 13));
  }
  if (a <= 0x33000000u) return static_cast<uint16_t>(sign);  // <= 2^-25: ties to even give 0
  // Subnormal half: value / 2^-24 = mant * 2^(e - 126), shift in [14, 24].
  const uint32_t e = a >> 23;
  const uint32_t mant = (a & 0x007fffffu) | 0x00800000u;
  const uint32_t shift = 126u - e;
  const uint32_t q = mant >> shift;
  const uint32_t rem = mant & ((1u << shift) - 1u);
  const uint32_t half = 1u << (shift - 1u);
  const uint32_t up = (rem > half || (rem == half && (q & 1u))) ? 1u : 0u;
  return static_cast<uint16_t>(sign | (q + up));
}

/// half bits -> float bits, exact.
SF_HD SF_INLINE uint32_t f16_to_f32_bits(uint16_t h) {
  const uint32_t sign = static_cast<uint32_t>(h & 0x8000u) << 16;
  const uint32_t e = (h >> 10) & 0x1fu;
  uint32_t m = h & 0x03ffu;
  if (e == 0x1fu) return sign | 0x7f800000u | (m << 13);
  if (e != 0) return sign | ((e + 112u) << 23) | (m << 13);
  if (m == 0) return sign;
  // Subnormal: normalise so the leading 1 reaches bit 10, adjusting the exponent.
  uint32_t exp = 113u;
  while ((m & 0x0400u) == 0) {
    m <<= 1;
    --exp;
  }
  return sign | (exp << 23) | ((m & 0x03ffu) << 13);
}

}  // namespace
}  // namespace sf
