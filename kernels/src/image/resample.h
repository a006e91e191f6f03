// PIL-compatible separable resampling of 8-bit images (Pillow's Image.resize, libImaging
// Resample.c semantics): per output coordinate, a filter window of support * max(scale, 1)
// source pixels, weights normalised to sum 1 in double, then quantised to 22-bit fixed point;
// each pass accumulates in int32 with a rounding bias and clips to uint8.
#pragma once

#include <cmath>
#include <cstdint>

#include "common/launch.h"
#include "segfill/image.h"

namespace sf {

constexpr int kPrecisionBits = 32 - 8 - 2;

/// The filter's support in source pixels at scale 1.
SF_HD inline double filter_support(int filter) {
  return filter == SF_FILTER_LANCZOS3 ? 3.0 : 1.0;
}

SF_HD inline double sinc(double x) {
  if (x == 0.0) return 1.0;
  const double px = x * 3.14159265358979323846;
  return sin(px) / px;
}

SF_HD inline double filter_weight(int filter, double x) {
  if (filter == SF_FILTER_LANCZOS3) {
    return (x >= -3.0 && x < 3.0) ? sinc(x) * sinc(x / 3.0) : 0.0;
  }
  const double ax = x < 0.0 ? -x : x;
  return ax < 1.0 ? 1.0 - ax : 0.0;
}

/// Geometry of one axis: in_size source pixels onto out_size output pixels.
struct Axis {
  int in_size;
  int out_size;
  double scale;        // source pixels per output pixel
  double filterscale;  // max(scale, 1): the window widens only when downscaling
  double support;
  int ksize;           // taps reserved per output coordinate

  SF_HD static Axis make(int in_size, int out_size, int filter) {
    Axis a{};
    a.in_size = in_size;
    a.out_size = out_size;
    a.scale = static_cast<double>(in_size) / out_size;
    a.filterscale = a.scale < 1.0 ? 1.0 : a.scale;
    a.support = filter_support(filter) * a.filterscale;
    a.ksize = static_cast<int>(ceil(a.support)) * 2 + 1;
    return a;
  }
};

/// Fills the fixed-point weights and [first, count) source range of output coordinate `o`.
SF_HD inline void axis_coefficients(const Axis& a, int filter, int o, int32_t* kk,
                                       int32_t* bounds) {
  const double center = (o + 0.5) * a.scale;
  const double inv = 1.0 / a.filterscale;
  int first = static_cast<int>(center - a.support + 0.5);
  if (first < 0) first = 0;
  int last = static_cast<int>(center + a.support + 0.5);
  if (last > a.in_size) last = a.in_size;
  const int count = last - first;
  // Weights are evaluated twice (sum, then normalise) so no scratch array bounds the window.
  double total = 0.0;
  for (int x = 0; x < count; ++x) total += filter_weight(filter, (x + first - center + 0.5) * inv);
  for (int x = 0; x < a.ksize; ++x) {
    double k = 0.0;
    if (x < count) {
      k = filter_weight(filter, (x + first - center + 0.5) * inv);
      if (total != 0.0) k /= total;
    }
    const double fixed = k * (1 << kPrecisionBits);
    kk[x] = static_cast<int32_t>(k < 0.0 ? fixed - 0.5 : fixed + 0.5);
  }
  bounds[0] = first;
  bounds[1] = count;
}

SF_HD inline uint8_t clip8(int32_t v) {
  if (v >= (1 << kPrecisionBits << 8)) return 255;
  if (v <= 0) return 0;
  return static_cast<uint8_t>(v >> kPrecisionBits);
}

}  // namespace sf
