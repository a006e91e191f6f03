// Image kernels, compiled once per backend (see Makefile).
#include "image/image_ops.h"

#include <cmath>

#include "image/resample.h"
#include "image/workspace.h"

namespace SF_OPS_NS {

namespace {

struct Coefficients {
  sf::Axis axis;
  int filter;
  int32_t* kk;
  int32_t* bounds;
  SF_HD void operator()(int64_t o) const {
    sf::axis_coefficients(axis, filter, static_cast<int>(o), kk + o * axis.ksize, bounds + 2 * o);
  }
};

// Bytes of a row per work item of the vertical pass. On the CPU a span gives g++ an inner loop
// over contiguous bytes that it vectorises; on CUDA one byte per thread keeps loads coalesced.
#if defined(__CUDACC__)
constexpr int kSpan = 1;
#else
constexpr int kSpan = 64;
#endif

// Output pixel (x, y) of the horizontal pass: taps along the source row y, all channels of a
// tap accumulated together.
template <int kChannels>
struct HorizontalPass {
  const uint8_t* in;
  int in_w, ksize;
  const int32_t* kk;
  const int32_t* bounds;
  uint8_t* out;
  int out_w;
  SF_HD void operator()(int x, int y) const {
    const int first = bounds[2 * x];
    const int count = bounds[2 * x + 1];
    const int32_t* k = kk + static_cast<int64_t>(x) * ksize;
    const uint8_t* row = in + (static_cast<int64_t>(y) * in_w + first) * kChannels;
    int32_t sum[kChannels];
    for (int c = 0; c < kChannels; ++c) sum[c] = 1 << (sf::kPrecisionBits - 1);
    for (int t = 0; t < count; ++t) {
      for (int c = 0; c < kChannels; ++c) sum[c] += row[t * kChannels + c] * k[t];
    }
    uint8_t* dst = out + (static_cast<int64_t>(y) * out_w + x) * kChannels;
    for (int c = 0; c < kChannels; ++c) dst[c] = sf::clip8(sum[c]);
  }
};

// Bytes [j, j + kSpan) of output row y of the vertical pass. The pass does not depend on the
// channel layout: every byte of a row uses the row's weights, so rows are flat byte arrays.
struct VerticalPass {
  const uint8_t* in;
  int64_t row_bytes;
  int ksize;
  const int32_t* kk;
  const int32_t* bounds;
  uint8_t* out;
  SF_HD void operator()(int span, int y) const {
    const int first = bounds[2 * y];
    const int count = bounds[2 * y + 1];
    const int32_t* k = kk + static_cast<int64_t>(y) * ksize;
    const int64_t j0 = static_cast<int64_t>(span) * kSpan;
    const int n = row_bytes - j0 < kSpan ? static_cast<int>(row_bytes - j0) : kSpan;
    int32_t sum[kSpan];
    for (int i = 0; i < n; ++i) sum[i] = 1 << (sf::kPrecisionBits - 1);
    for (int t = 0; t < count; ++t) {
      const uint8_t* src = in + (first + t) * row_bytes + j0;
      const int32_t kt = k[t];
      for (int i = 0; i < n; ++i) sum[i] += src[i] * kt;
    }
    uint8_t* dst = out + y * row_bytes + j0;
    for (int i = 0; i < n; ++i) dst[i] = sf::clip8(sum[i]);
  }
};

template <int kChannels>
int horizontal(sf::Stream s, const sf::ResampleLayout& l, const uint8_t* in, int in_w, int in_h,
               const int32_t* kk, const int32_t* bounds, uint8_t* dst, int out_w) {
  return sf::for_each_2d(s, out_w, in_h,
                         HorizontalPass<kChannels>{in, in_w, l.horizontal.ksize, kk, bounds, dst,
                                                   out_w});
}

}  // namespace

int resample_u8(sf::Stream s, const uint8_t* in, int in_w, int in_h, int channels, uint8_t* out,
                int out_w, int out_h, int filter, void* workspace) {
  const sf::ResampleLayout l = sf::ResampleLayout::make(in_w, in_h, out_w, out_h, channels, filter);
  uint8_t* ws = static_cast<uint8_t*>(workspace);
  auto* kk_h = reinterpret_cast<int32_t*>(ws + l.kk_h);
  auto* bounds_h = reinterpret_cast<int32_t*>(ws + l.bounds_h);
  auto* kk_v = reinterpret_cast<int32_t*>(ws + l.kk_v);
  auto* bounds_v = reinterpret_cast<int32_t*>(ws + l.bounds_v);
  if (!l.need_h && !l.need_v) {
    const int64_t bytes = int64_t{in_w} * in_h * channels;
    return sf::for_each(s, bytes, [=] SF_HD(int64_t i) { out[i] = in[i]; });
  }
  if (l.need_h) {
    SF_TRY(sf::for_each(s, out_w, Coefficients{l.horizontal, filter, kk_h, bounds_h}));
    uint8_t* dst = l.need_v ? ws + l.temp : out;
    switch (channels) {
      case 1: SF_TRY(horizontal<1>(s, l, in, in_w, in_h, kk_h, bounds_h, dst, out_w)); break;
      case 2: SF_TRY(horizontal<2>(s, l, in, in_w, in_h, kk_h, bounds_h, dst, out_w)); break;
      case 3: SF_TRY(horizontal<3>(s, l, in, in_w, in_h, kk_h, bounds_h, dst, out_w)); break;
      case 4: SF_TRY(horizontal<4>(s, l, in, in_w, in_h, kk_h, bounds_h, dst, out_w)); break;
      default: return sf::kInvalidArgument;
    }
  }
  if (l.need_v) {
    SF_TRY(sf::for_each(s, out_h, Coefficients{l.vertical, filter, kk_v, bounds_v}));
    const uint8_t* src = l.need_h ? ws + l.temp : in;
    const int64_t row_bytes = int64_t{out_w} * channels;
    const int spans = static_cast<int>((row_bytes + kSpan - 1) / kSpan);
    SF_TRY(sf::for_each_2d(s, spans, out_h,
                           VerticalPass{src, row_bytes, l.vertical.ksize, kk_v, bounds_v, out}));
  }
  return sf::kOk;
}

int sam_normalize_pad(sf::Stream s, const uint8_t* resized, int rw, int rh, float m0, float m1,
                      float m2, float s0, float s1, float s2, float* out) {
  constexpr int kSide = 1024;
  // One row of one channel plane per launch row: y in [0, 3 * 1024).
  return sf::for_each_2d(s, kSide, 3 * kSide, [=] SF_HD(int x, int plane_row) {
    const int c = plane_row / kSide;
    const int y = plane_row - c * kSide;
    const float mean = c == 0 ? m0 : c == 1 ? m1 : m2;
    const float std = c == 0 ? s0 : c == 1 ? s1 : s2;
    float v = 0.0f;  // the pad is zero after normalisation (contract A2 step 5)
    if (x < rw && y < rh) {
      v = (static_cast<float>(resized[(static_cast<int64_t>(y) * rw + x) * 3 + c]) - mean) / std;
    }
    out[static_cast<int64_t>(plane_row) * kSide + x] = v;
  });
}

int vae_normalize(sf::Stream s, const uint8_t* rgb, int w, int h, float* out) {
  return sf::for_each_2d(s, w, 3 * h, [=] SF_HD(int x, int plane_row) {
    const int c = plane_row / h;
    const int y = plane_row - c * h;
    const float v = static_cast<float>(rgb[(static_cast<int64_t>(y) * w + x) * 3 + c]);
    out[static_cast<int64_t>(plane_row) * w + x] = v / 255.0f * 2.0f - 1.0f;
  });
}

int tensor_to_image(sf::Stream s, const float* nchw, int w, int h, uint8_t* rgb) {
  const int64_t plane = int64_t{w} * h;
  return sf::for_each_2d(s, w, h, [=] SF_HD(int x, int y) {
    const int64_t p = static_cast<int64_t>(y) * w + x;
    for (int c = 0; c < 3; ++c) {
      float v = nchw[c * plane + p] / 2.0f + 0.5f;
      // NaN fails both comparisons and is mapped to 0 explicitly.
      v = v > 0.0f ? (v < 1.0f ? v : 1.0f) : 0.0f;
      rgb[p * 3 + c] = static_cast<uint8_t>(rintf(v * 255.0f));
    }
  });
}

}  // namespace SF_OPS_NS
