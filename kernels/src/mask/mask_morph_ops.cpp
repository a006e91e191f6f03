// Disk dilation / erosion, compiled once per backend.
//
// Pass 1 stores, per pixel, the vertical distance to the nearest selected pixel of its column
// (saturated at kFar): a down and an up scan per column, vectorised across columns on the CPU and
// one column per thread on CUDA. Pass 2 ORs over the columns dx in [-r, r] of
// "that distance <= floor(sqrt(r^2 - dx^2))": exactly the disk, at 2r + 1 contiguous reads per
// pixel. Erosion is the complement of dilating the complement; pixels outside the image are
// never visited, which is "unselected" for the dilated set and so "selected" when eroding.
#include "mask/mask_ops.h"

namespace SF_OPS_NS {

int mask_morph_u8(sf::Stream s, const uint8_t* in, uint8_t* out, int w, int h, int radius,
                  int erode, void* workspace) {
  using sf_mask::kSpan;
  if (w <= 0 || h <= 0 || radius < 0 || radius > 32767 || workspace == nullptr || in == out) {
    return sf::kInvalidArgument;
  }
  uint16_t* dist = static_cast<uint16_t*>(workspace);
  const bool shrink = erode != 0;
  const int spans = (w + kSpan - 1) / kSpan;

  SF_TRY(sf::for_each(s, spans, [=] SF_HD(int64_t c) {
    const int x0 = static_cast<int>(c) * kSpan;
    const int n = sf_mask::imin(kSpan, w - x0);
    uint16_t* d = dist + x0;
    const uint8_t* row = in + x0;
    for (int j = 0; j < n; ++j) {
      d[j] = ((row[j] != 0) != shrink) ? uint16_t{0} : static_cast<uint16_t>(sf_mask::kFar);
    }
    for (int y = 1; y < h; ++y) {
      row += w;
      const uint16_t* above = d;
      d += w;
      for (int j = 0; j < n; ++j) {
        const uint32_t grown = sf_mask::imin(above[j] + 1, static_cast<int>(sf_mask::kFar));
        d[j] = ((row[j] != 0) != shrink) ? uint16_t{0} : static_cast<uint16_t>(grown);
      }
    }
    for (int y = h - 2; y >= 0; --y) {
      const uint16_t* below = d;
      d -= w;
      for (int j = 0; j < n; ++j) {
        const int up = below[j] + 1;
        d[j] = static_cast<uint16_t>(sf_mask::imin(d[j], up));
      }
    }
  }));

  const sf_mask::MorphReach reach = sf_mask::morph_reach(radius);
  return sf::for_each_2d(s, spans, h, [=] SF_HD(int cx, int y) {
    const int x0 = cx * kSpan;
    const int n = sf_mask::imin(kSpan, w - x0);
    // miss[j] = min over dx of max(dist - reach, 0): the pixel is hit exactly when it reaches 0.
    uint16_t miss[kSpan];
    for (int j = 0; j < kSpan; ++j) miss[j] = static_cast<uint16_t>(sf_mask::kFar);
    const uint16_t* row = dist + static_cast<int64_t>(y) * w + x0;
    if (x0 - radius >= 0 && x0 + n - 1 + radius <= w - 1) {
      const uint16_t r0 = static_cast<uint16_t>(sf_mask::morph_reach_at(reach, 0));
      for (int j = 0; j < n; ++j) miss[j] = row[j] > r0 ? row[j] - r0 : 0;
      for (int dx = 1; dx <= radius; ++dx) {
        // The disk is symmetric: one reach serves the columns at -dx and +dx.
        const uint16_t r = static_cast<uint16_t>(sf_mask::morph_reach_at(reach, dx));
        const uint16_t* left = row - dx;
        const uint16_t* right = row + dx;
        for (int j = 0; j < n; ++j) {
          const uint16_t d = left[j] < right[j] ? left[j] : right[j];
          const uint16_t m = d > r ? static_cast<uint16_t>(d - r) : uint16_t{0};
          miss[j] = m < miss[j] ? m : miss[j];
        }
      }
    } else {
      const int dx0 = sf_mask::imax(-radius, -(x0 + n - 1));
      const int dx1 = sf_mask::imin(radius, w - 1 - x0);
      for (int dx = dx0; dx <= dx1; ++dx) {
        const uint16_t r = static_cast<uint16_t>(sf_mask::morph_reach_at(reach, dx));
        const int j0 = sf_mask::imax(0, -x0 - dx);
        const int j1 = sf_mask::imin(n, w - x0 - dx);
        const uint16_t* d = row + dx;
        for (int j = j0; j < j1; ++j) {
          const uint16_t m = d[j] > r ? static_cast<uint16_t>(d[j] - r) : uint16_t{0};
          miss[j] = m < miss[j] ? m : miss[j];
        }
      }
    }
    uint8_t* o = out + static_cast<int64_t>(y) * w + x0;
    const uint8_t on = shrink ? 0 : 255;
    for (int j = 0; j < n; ++j) o[j] = miss[j] == 0 ? on : static_cast<uint8_t>(255 - on);
  });
}

}  // namespace SF_OPS_NS
