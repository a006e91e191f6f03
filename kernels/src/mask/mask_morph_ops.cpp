// Disk dilation / erosion, compiled once per backend.
//
// Pass 1 stores, per pixel, the horizontal distance to the nearest selected pixel of its row
// (saturated at kFar). Pass 2 ORs over the rows dy in [-r, r] of "that distance <= w(dy)" with
// w(dy) = floor(sqrt(r^2 - dy^2)): exactly the disk, at 2r + 1 reads per pixel. Erosion is the
// complement of dilating the complement; rows and columns outside the image are simply not
// visited, which is "unselected" for the dilated set and therefore "selected" when eroding.
#include "mask/mask_ops.h"

namespace SF_OPS_NS {

int mask_morph_u8(sf::Stream s, const uint8_t* in, uint8_t* out, int w, int h, int radius,
                  int erode, void* workspace) {
  using sf_mask::kSpan;
  if (w <= 0 || h <= 0 || radius < 0 || workspace == nullptr || in == out) {
    return sf::kInvalidArgument;
  }
  uint16_t* dist = static_cast<uint16_t*>(workspace);
  const bool shrink = erode != 0;

  SF_TRY(sf::for_each(s, h, [=] SF_HD(int64_t y) {
    const uint8_t* row = in + y * w;
    uint16_t* d = dist + y * w;
    uint32_t run = sf_mask::kFar;
    for (int x = 0; x < w; ++x) {
      const bool selected = (row[x] != 0) != shrink;
      run = selected ? 0u : (run < sf_mask::kFar ? run + 1u : sf_mask::kFar);
      d[x] = static_cast<uint16_t>(run);
    }
    run = sf_mask::kFar;
    for (int x = w - 1; x >= 0; --x) {
      run = d[x] == 0 ? 0u : (run < sf_mask::kFar ? run + 1u : sf_mask::kFar);
      if (run < d[x]) d[x] = static_cast<uint16_t>(run);
    }
  }));

  const int spans = (w + kSpan - 1) / kSpan;
  const int64_t r2 = static_cast<int64_t>(radius) * radius;
  return sf::for_each_2d(s, spans, h, [=] SF_HD(int cx, int y) {
    const int x0 = cx * kSpan;
    const int n = sf_mask::imin(kSpan, w - x0);
    uint8_t hit[kSpan] = {};
    const int dy0 = sf_mask::imax(-radius, -y);
    const int dy1 = sf_mask::imin(radius, h - 1 - y);
    for (int dy = dy0; dy <= dy1; ++dy) {
      const int64_t reach64 = sf_mask::isqrt(r2 - static_cast<int64_t>(dy) * dy);
      const uint16_t reach =
          static_cast<uint16_t>(reach64 < sf_mask::kFar - 1 ? reach64 : sf_mask::kFar - 1);
      const uint16_t* d = dist + static_cast<int64_t>(y + dy) * w + x0;
      for (int j = 0; j < n; ++j) hit[j] |= static_cast<uint8_t>(d[j] <= reach);
    }
    uint8_t* o = out + static_cast<int64_t>(y) * w + x0;
    const uint8_t on = shrink ? 0 : 255;
    for (int j = 0; j < n; ++j) o[j] = hit[j] ? on : static_cast<uint8_t>(255 - on);
  });
}

}  // namespace SF_OPS_NS
