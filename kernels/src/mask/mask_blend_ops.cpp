// Alpha compositing of a generated region over the original, compiled once per backend.
#include "mask/mask_ops.h"

namespace SF_OPS_NS {
namespace {

template <int C>
int blend_region(sf::Stream s, const uint8_t* original, int w, const uint8_t* generated,
                 const uint8_t* alpha, int x0, int y0, int rw, int rh, uint8_t* out) {
  using sf_mask::kSpan;
  const int spans = (rw + kSpan - 1) / kSpan;
  return sf::for_each_2d(s, spans, rh, [=] SF_HD(int cx, int ry) {
    const int j0 = cx * kSpan;
    const int n = sf_mask::imin(kSpan, rw - j0);
    const int64_t region = static_cast<int64_t>(ry) * rw + j0;
    const uint8_t* a = alpha + region;
    const uint8_t* g = generated + region * C;
    const int64_t offset = (static_cast<int64_t>(y0 + ry) * w + x0 + j0) * C;
    const uint8_t* o = original + offset;
    uint8_t* d = out + offset;
    if constexpr (C == 1) {
      for (int j = 0; j < n; ++j) d[j] = sf_mask::blend_u8(o[j], g[j], a[j]);
    } else {
      // Alpha spread to one byte per channel first, so the blend is one contiguous loop.
      uint8_t spread[kSpan * C];
      for (int j = 0; j < n; ++j) {
        for (int c = 0; c < C; ++c) spread[j * C + c] = a[j];
      }
      for (int k = 0; k < n * C; ++k) d[k] = sf_mask::blend_u8(o[k], g[k], spread[k]);
    }
  });
}

// Copies the original outside the region (only needed when out is a separate buffer).
int copy_outside(sf::Stream s, const uint8_t* original, int w, int h, int channels, int x0,
                 int y0, int rw, int rh, uint8_t* out) {
  using sf_mask::kSpan;
  const int row_bytes = w * channels;
  const int chunk = kSpan * 16;
  const int spans = (row_bytes + chunk - 1) / chunk;
  const int rb0 = x0 * channels;
  const int rb1 = (x0 + rw) * channels;
  return sf::for_each_2d(s, spans, h, [=] SF_HD(int cx, int y) {
    const int b0 = cx * chunk;
    const int b1 = sf_mask::imin(b0 + chunk, row_bytes);
    const int64_t row = static_cast<int64_t>(y) * row_bytes;
    const uint8_t* o = original + row;
    uint8_t* d = out + row;
    if (y < y0 || y >= y0 + rh) {
      for (int j = b0; j < b1; ++j) d[j] = o[j];
      return;
    }
    const int left_end = sf_mask::imin(b1, rb0);
    for (int j = b0; j < left_end; ++j) d[j] = o[j];
    for (int j = sf_mask::imax(b0, rb1); j < b1; ++j) d[j] = o[j];
  });
}

}  // namespace

int blend_u8(sf::Stream s, const uint8_t* original, int w, int h, int channels,
             const uint8_t* generated, const uint8_t* alpha, int x0, int y0, int rw, int rh,
             uint8_t* out) {
  if (w <= 0 || h <= 0 || rw <= 0 || rh <= 0 || x0 < 0 || y0 < 0 || x0 + rw > w ||
      y0 + rh > h) {
    return sf::kInvalidArgument;
  }
  if (out != original) {
    SF_TRY(copy_outside(s, original, w, h, channels, x0, y0, rw, rh, out));
  }
  switch (channels) {
    case 1: return blend_region<1>(s, original, w, generated, alpha, x0, y0, rw, rh, out);
    case 3: return blend_region<3>(s, original, w, generated, alpha, x0, y0, rw, rh, out);
    case 4: return blend_region<4>(s, original, w, generated, alpha, x0, y0, rw, rh, out);
    default: return sf::kInvalidArgument;
  }
}

}  // namespace SF_OPS_NS
