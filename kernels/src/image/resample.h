// PIL-compatible separable resampling of 8-bit images: the element code shared by the CUDA build
// and the CPU twin. The algorithm follows Pillow's libImaging/Resample.c (re-implemented here):
//
//  * per output coordinate, a window [xmin, xmin + n) of input samples and n weights evaluated at
//    (x + 0.5 - center) / filterscale, where center = (xx + 0.5) * scale and the support is
//    widened by filterscale = max(scale, 1) when downscaling (antialiasing);
//  * weights normalised to sum 1 in double, then turned into signed fixed point with
//    kPrecisionBits fractional bits, rounding half away from zero;
//  * a horizontal pass then a vertical pass, each accumulating in int32 from 1 << (bits - 1) and
//    clipping (acc >> bits) to [0, 255]. A pass is skipped when its dimension is unchanged.
//
// The passes are pure integer arithmetic, so their result does not depend on summation order:
// the CPU twin may walk memory in a cache-friendly order and still match the CUDA build bit for
// bit. Only the coefficients (double precision, sin() for Lanczos) can differ between backends.
#pragma once

#include <cmath>
#include <cstdint>

#include "common/launch.h"

namespace sf_image {

/// 8 bits for the result, 2 spare bits for overshoot of negative lobes, the rest fractional.
constexpr int kPrecisionBits = 32 - 8 - 2;

/// Filter ids; the values match SF_FILTER_* in segfill/image.h.
enum Filter : int { kBilinear = 1, kLanczos3 = 2 };

/// Unscaled filter support (half width) in input pixels.
inline double filter_support(int filter) { return filter == kLanczos3 ? 3.0 : 1.0; }

SF_HD SF_INLINE double bilinear_weight(double x) {
  if (x < 0.0) x = -x;
  return x < 1.0 ? 1.0 - x : 0.0;
}

SF_HD SF_INLINE double sinc(double x) {
  if (x == 0.0) return 1.0;
  x = x * 3.14159265358979323846;
  return sin(x) / x;
}

SF_HD SF_INLINE double lanczos3_weight(double x) {
  // Half-open window, as in PIL: x == 3 is outside.
  if (-3.0 <= x && x < 3.0) return sinc(x) * sinc(x / 3.0);
  return 0.0;
}

SF_HD SF_INLINE double filter_weight(int filter, double x) {
  return filter == kLanczos3 ? lanczos3_weight(x) : bilinear_weight(x);
}

/// Geometry of one axis, shared by the host plan and the coefficient kernel.
struct AxisSpec {
  int in_size;
  int out_size;
  int ksize;          // coefficients stored per output coordinate
  double scale;       // in_size / out_size
  double filterscale; // max(scale, 1)
  double support;     // filter support * filterscale
};

inline AxisSpec make_axis(int in_size, int out_size, int filter) {
  AxisSpec a;
  a.in_size = in_size;
  a.out_size = out_size;
  a.scale = static_cast<double>(in_size) / out_size;
  a.filterscale = a.scale < 1.0 ? 1.0 : a.scale;
  a.support = filter_support(filter) * a.filterscale;
  a.ksize = static_cast<int>(std::ceil(a.support)) * 2 + 1;
  return a;
}

/// Double weight -> fixed point, rounding half away from zero like PIL's normalize_coeffs_8bpc.
SF_HD SF_INLINE int32_t to_fixed(double k) {
  const double one = static_cast<double>(1 << kPrecisionBits);
  return k < 0.0 ? static_cast<int32_t>(-0.5 + k * one) : static_cast<int32_t>(0.5 + k * one);
}

/// Computes window and fixed-point weights of output coordinate `xx`: bounds[0] = first input
/// sample, bounds[1] = sample count, coeffs[0..ksize) (zero past the count).
SF_HD SF_INLINE void axis_coeffs(const AxisSpec& a, int filter, int xx, int32_t* bounds,
                                 int32_t* coeffs) {
  const double center = (xx + 0.5) * a.scale;
  const double ss = 1.0 / a.filterscale;
  // Truncation toward zero, then clamping, exactly as PIL rounds the window ends.
  int xmin = static_cast<int>(center - a.support + 0.5);
  if (xmin < 0) xmin = 0;
  int xmax = static_cast<int>(center + a.support + 0.5);
  if (xmax > a.in_size) xmax = a.in_size;
  const int n = xmax - xmin;
  // Weights are evaluated twice (sum, then normalise) so no per-thread scratch is needed; both
  // evaluations are the same deterministic expression.
  double ww = 0.0;
  for (int x = 0; x < n; ++x) ww += filter_weight(filter, (x + xmin - center + 0.5) * ss);
  for (int x = 0; x < n; ++x) {
    double w = filter_weight(filter, (x + xmin - center + 0.5) * ss);
    if (ww != 0.0) w /= ww;
    coeffs[x] = to_fixed(w);
  }
  for (int x = n; x < a.ksize; ++x) coeffs[x] = 0;
  bounds[0] = xmin;
  bounds[1] = n;
}

/// Rounds an accumulator (which started at half an LSB) down to 8 bits, clipping.
SF_HD SF_INLINE uint8_t clip8(int32_t acc) {
  const int32_t v = acc >> kPrecisionBits;
  return static_cast<uint8_t>(v < 0 ? 0 : (v > 255 ? 255 : v));
}

constexpr int32_t kRoundHalf = int32_t{1} << (kPrecisionBits - 1);

/// Horizontal pass: dst (out_w x rows, C channels) from src (in_w x rows).
template <int C>
struct HorizontalPass {
  const uint8_t* src;
  uint8_t* dst;
  const int32_t* bounds;
  const int32_t* coeffs;
  int in_w;
  int out_w;
  int ksize;

  SF_HD SF_INLINE void operator()(int xx, int y) const {
    const int32_t xmin = bounds[2 * xx];
    const int32_t n = bounds[2 * xx + 1];
    const int32_t* k = coeffs + static_cast<int64_t>(xx) * ksize;
    const uint8_t* p = src + (static_cast<int64_t>(y) * in_w + xmin) * C;
    int32_t acc[C];
    for (int c = 0; c < C; ++c) acc[c] = kRoundHalf;
    for (int t = 0; t < n; ++t) {
      const int32_t w = k[t];
      for (int c = 0; c < C; ++c) acc[c] += static_cast<int32_t>(p[t * C + c]) * w;
    }
    uint8_t* o = dst + (static_cast<int64_t>(y) * out_w + xx) * C;
    for (int c = 0; c < C; ++c) o[c] = clip8(acc[c]);
  }

  /// One whole output row (CPU twin). Channels are a compile-time constant, so the channel loop
  /// unrolls into independent accumulators; explicit 4-lane SIMD (padding 3 channels to 4)
  /// measured slower than this scalar form with g++ 12.
  void row(int y) const {
    for (int xx = 0; xx < out_w; ++xx) (*this)(xx, y);
  }
};

/// Vertical pass over rows of `row_elems` interleaved bytes: dst row yy from src rows.
struct VerticalPass {
  const uint8_t* src;
  uint8_t* dst;
  const int32_t* bounds;
  const int32_t* coeffs;
  int64_t row_elems;  // width * channels of both images
  int ksize;

  /// One output byte (CUDA: one thread per byte, coalesced along the row).
  SF_HD SF_INLINE void operator()(int e, int yy) const {
    const int32_t ymin = bounds[2 * yy];
    const int32_t n = bounds[2 * yy + 1];
    const int32_t* k = coeffs + static_cast<int64_t>(yy) * ksize;
    const uint8_t* p = src + static_cast<int64_t>(ymin) * row_elems + e;
    int32_t acc = kRoundHalf;
    for (int t = 0; t < n; ++t) acc += static_cast<int32_t>(p[t * row_elems]) * k[t];
    dst[static_cast<int64_t>(yy) * row_elems + e] = clip8(acc);
  }

  /// One whole output row (CPU twin): taps outermost and a contiguous inner loop over the row, so
  /// the multiply-adds vectorise and each input row is streamed once per tap.
  void row(int yy) const {
    constexpr int kChunk = 2048;
    const int32_t ymin = bounds[2 * yy];
    const int32_t n = bounds[2 * yy + 1];
    const int32_t* k = coeffs + static_cast<int64_t>(yy) * ksize;
    uint8_t* out = dst + static_cast<int64_t>(yy) * row_elems;
    int32_t acc[kChunk];
    for (int64_t x0 = 0; x0 < row_elems; x0 += kChunk) {
      const int len = static_cast<int>(row_elems - x0 < kChunk ? row_elems - x0 : kChunk);
      for (int i = 0; i < len; ++i) acc[i] = kRoundHalf;
      for (int t = 0; t < n; ++t) {
        const int32_t w = k[t];
        const uint8_t* p = src + static_cast<int64_t>(ymin + t) * row_elems + x0;
        for (int i = 0; i < len; ++i) acc[i] += static_cast<int32_t>(p[i]) * w;
      }
      for (int i = 0; i < len; ++i) out[x0 + i] = clip8(acc[i]);
    }
  }
};

/// Where each table lives in the caller's workspace; every section is 256-byte aligned.
struct ResamplePlan {
  AxisSpec h;
  AxisSpec v;
  bool need_h;
  bool need_v;
  int64_t bounds_h, coeffs_h, bounds_v, coeffs_v, tmp;  // byte offsets
  int64_t bytes;                                        // total
};

inline int64_t align256(int64_t n) { return (n + 255) / 256 * 256; }

/// Plans a resize; returns false for arguments out of range (sizes <= 0, 1..4 channels, filter).
inline bool make_plan(int in_w, int in_h, int out_w, int out_h, int channels, int filter,
                      ResamplePlan* p) {
  if (in_w <= 0 || in_h <= 0 || out_w <= 0 || out_h <= 0) return false;
  if (channels < 1 || channels > 4) return false;
  if (filter != kBilinear && filter != kLanczos3) return false;
  p->h = make_axis(in_w, out_w, filter);
  p->v = make_axis(in_h, out_h, filter);
  p->need_h = in_w != out_w;
  p->need_v = in_h != out_h;
  int64_t off = 0;
  p->bounds_h = off;
  off += align256(int64_t{8} * out_w);
  p->coeffs_h = off;
  off += align256(int64_t{4} * out_w * p->h.ksize);
  p->bounds_v = off;
  off += align256(int64_t{8} * out_h);
  p->coeffs_v = off;
  off += align256(int64_t{4} * out_h * p->v.ksize);
  p->tmp = off;
  // The intermediate image exists only when both passes run (otherwise a pass writes `out`).
  if (p->need_h && p->need_v) off += align256(int64_t{out_w} * in_h * channels);
  p->bytes = off;
  return true;
}

}  // namespace sf_image
