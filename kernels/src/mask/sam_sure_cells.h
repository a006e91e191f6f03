// Where SAM's post-processed mask is known without interpolating (CPU twin only): the output is
// binary, and over most of the image the logits around a pixel all have one clear sign.
#pragma once

#include <cstdint>
#include <vector>

#include "mask/mask_math.h"

namespace sf_mask {

// Why a pixel whose logits all have one sign needs no interpolation, at threshold 0 exactly.
//
// An output pixel v is four nested linear steps, each fl(fl(w0 * p) + fl(w1 * q)): the logits'
// columns, then their rows (sam_frame_value), then the frame's columns and rows (bilerp split
// as in the twin). Its 16 logits are the footprint: logit rows torch_linear(i, 256, 1/4).i0 ..
// .i1 of its frame rows ly.i0 .. ly.i1, and likewise for columns. Every weight pair is
// w1 = src - i0 with src in [i0, i0 + 1) (src >= 0 and src < in for both resizes, so the clamp
// of i0 never fires) and w0 = fl(1 - w1): both lie in [0, 1], and max(w0, w1) >= 1/2 (w1 <= 1/2
// gives 1 - w1 >= 1/2, and rounding is monotone with 1/2 representable). Then, for one step:
//
//  * all of p, q <= 0 (including -0, subnormals and -inf): each product is <= 0 or NaN (0 * -inf),
//    and so is their sum. By induction v <= 0 or NaN, and `v > 0` is false: the byte is 0.
//  * all of p, q in [2^-100, 2^100]: each product is >= 0 and the larger-weighted one is
//    >= fl(m / 2) = m / 2 for the smallest input m (rounding is monotone; m / 2 is a normal
//    float); adding a value >= 0 cannot round below it. So each step at least halves the
//    minimum and v >= 2^-104 > 0: the byte is 255. The upper bound keeps every step finite
//    (a step returns at most about max(p, q)), so no inf can meet a zero weight as NaN.
//
// NaN, +inf or anything in (0, 2^-100) or above 2^100 in a footprint sends the pixel down the
// exact path. Any threshold but 0 does too: it would need a margin this proof does not give.
constexpr float kSurePositiveMin = 0x1p-100f;
constexpr float kSurePositiveMax = 0x1p100f;

/// Output pixels per block the CPU twin classifies: small enough that only a thin band along the
/// mask's edge interpolates, large enough that a sure block is one short memset.
constexpr int kSureBlock = 32;
static_assert(kSpan % kSureBlock == 0, "a span holds whole blocks");

/// A block of output pixels is all 0, all 255, or needs interpolating.
enum class Sure : uint8_t { kMixed, kZero, kOne };

/// Per logit row, prefix counts of the cells that are surely non-positive and surely positive
/// (see above), so that a footprint rectangle is classified in a few lookups per row.
class SureCells {
 public:
  /// Classifies nothing (every rectangle is mixed): for thresholds other than 0.
  SureCells() = default;

  explicit SureCells(const float* logits)
      : zero_(kSamLowRes * (kSamLowRes + 1)), one_(kSamLowRes * (kSamLowRes + 1)) {
    for (int r = 0; r < kSamLowRes; ++r) {
      const float* row = logits + r * kSamLowRes;
      uint16_t* z = &zero_[r * (kSamLowRes + 1)];
      uint16_t* o = &one_[r * (kSamLowRes + 1)];
      z[0] = 0;
      o[0] = 0;
      for (int c = 0; c < kSamLowRes; ++c) {
        const float v = row[c];
        // Comparisons, not min/max: NaN fails both and so counts as neither.
        z[c + 1] = static_cast<uint16_t>(z[c] + (v <= 0.0f ? 1 : 0));
        o[c + 1] = static_cast<uint16_t>(
            o[c] + (v >= kSurePositiveMin && v <= kSurePositiveMax ? 1 : 0));
      }
    }
  }

  /// The class of logit rows r0..r1 x columns c0..c1 (inclusive).
  Sure classify(int r0, int r1, int c0, int c1) const {
    if (zero_.empty()) return Sure::kMixed;
    const int n = c1 - c0 + 1;
    bool zero = true;
    bool one = true;
    for (int r = r0; r <= r1; ++r) {
      const int at = r * (kSamLowRes + 1);
      zero = zero && zero_[at + c1 + 1] - zero_[at + c0] == n;
      one = one && one_[at + c1 + 1] - one_[at + c0] == n;
    }
    return zero ? Sure::kZero : (one ? Sure::kOne : Sure::kMixed);
  }

 private:
  std::vector<uint16_t> zero_;
  std::vector<uint16_t> one_;
};

}  // namespace sf_mask
