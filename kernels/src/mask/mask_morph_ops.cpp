// Disk dilation / erosion, compiled once per backend.
//
// Pass 1 stores, per pixel, the vertical distance to the nearest selected pixel of its column,
// saturated at `far`: a down and an up scan per column, vectorised across columns on the CPU and
// one column per thread on CUDA. Pass 2 ORs over the columns dx in [-r, r] of
// "that distance <= floor(sqrt(r^2 - dx^2))": exactly the disk, at 2r + 1 contiguous reads per
// pixel. Erosion is the complement of dilating the complement; pixels outside the image are
// never visited, which is "unselected" for the dilated set and so "selected" when eroding.
// Radii below 255 store the distances in bytes (any distance > r is as good as `far`), which
// halves the memory traffic; larger radii use 16 bits.
#include "mask/mask_ops.h"

namespace SF_OPS_NS {
namespace {

// Columns per pass-1 task. Wide on the CPU so each row step reads a long contiguous run the
// hardware prefetcher can follow (a row is often more than a page away from the next).
constexpr int kColumnSpan = sf_mask::kSpan > 1 ? 1024 : 1;

template <class D>
int morph(sf::Stream s, const uint8_t* in, uint8_t* out, int w, int h, int radius, bool shrink,
          D* dist) {
  using sf_mask::kSpan;
  constexpr int far = static_cast<D>(~D{0});
  const int spans = (w + kSpan - 1) / kSpan;

  const int column_spans = (w + kColumnSpan - 1) / kColumnSpan;
  SF_TRY(sf::for_each(s, column_spans, [=] SF_HD(int64_t c) {
    // Locals, not captures: byte stores may alias the closure, which would block vectorising.
    const int width = w;
    const uint8_t on = shrink ? 0 : 1;  // an input pixel is selected when (in != 0) != shrink
    const int x0 = static_cast<int>(c) * kColumnSpan;
    const int n = sf_mask::imin(kColumnSpan, width - x0);
    D* d = dist + x0;
    const uint8_t* row = in + x0;
    for (int j = 0; j < n; ++j) d[j] = ((row[j] != 0) == on) ? D{0} : static_cast<D>(far);
    for (int y = 1; y < h; ++y) {
      row += width;
      const D* above = d;
      d += width;
      for (int j = 0; j < n; ++j) {
        const D grown = static_cast<D>(sf_mask::imin(above[j] + 1, far));
        d[j] = ((row[j] != 0) == on) ? D{0} : grown;
      }
    }
    for (int y = h - 2; y >= 0; --y) {
      const D* below = d;
      d -= width;
      for (int j = 0; j < n; ++j) d[j] = static_cast<D>(sf_mask::imin(d[j], below[j] + 1));
    }
  }));

  const sf_mask::MorphReach reach = sf_mask::morph_reach(radius);
  return sf::for_each_2d(s, spans, h, [=] SF_HD(int cx, int y) {
    const int x0 = cx * kSpan;
    const int n = sf_mask::imin(kSpan, w - x0);
    // miss[j] = min over dx of max(dist - reach, 0): the pixel is hit exactly when it reaches 0.
    D miss[kSpan];
    for (int j = 0; j < kSpan; ++j) miss[j] = static_cast<D>(far);
    const D* row = dist + static_cast<int64_t>(y) * w + x0;
    if (x0 - radius >= 0 && x0 + n - 1 + radius <= w - 1) {
      const D r0 = static_cast<D>(sf_mask::morph_reach_at(reach, 0));
      for (int j = 0; j < n; ++j) miss[j] = row[j] > r0 ? static_cast<D>(row[j] - r0) : D{0};
      for (int dx = 1; dx <= radius; ++dx) {
        // The disk is symmetric: one reach serves the columns at -dx and +dx.
        const D r = static_cast<D>(sf_mask::morph_reach_at(reach, dx));
        const D* left = row - dx;
        const D* right = row + dx;
        for (int j = 0; j < n; ++j) {
          const D v = left[j] < right[j] ? left[j] : right[j];
          const D m = v > r ? static_cast<D>(v - r) : D{0};
          miss[j] = m < miss[j] ? m : miss[j];
        }
      }
    } else {
      const int dx0 = sf_mask::imax(-radius, -(x0 + n - 1));
      const int dx1 = sf_mask::imin(radius, w - 1 - x0);
      for (int dx = dx0; dx <= dx1; ++dx) {
        const D r = static_cast<D>(sf_mask::morph_reach_at(reach, dx));
        const int j0 = sf_mask::imax(0, -x0 - dx);
        const int j1 = sf_mask::imin(n, w - x0 - dx);
        const D* d = row + dx;
        for (int j = j0; j < j1; ++j) {
          const D m = d[j] > r ? static_cast<D>(d[j] - r) : D{0};
          miss[j] = m < miss[j] ? m : miss[j];
        }
      }
    }
    uint8_t* o = out + static_cast<int64_t>(y) * w + x0;
    const uint8_t on = shrink ? 0 : 255;
    for (int j = 0; j < n; ++j) o[j] = miss[j] == 0 ? on : static_cast<uint8_t>(255 - on);
  });
}

}  // namespace

int mask_morph_u8(sf::Stream s, const uint8_t* in, uint8_t* out, int w, int h, int radius,
                  int erode, void* workspace) {
  if (w <= 0 || h <= 0 || radius < 0 || radius > 32767 || workspace == nullptr || in == out) {
    return sf::kInvalidArgument;
  }
  // `far` must exceed every reach (<= radius) so a saturated distance never counts as a hit.
  if (radius < 255) {
    return morph(s, in, out, w, h, radius, erode != 0, static_cast<uint8_t*>(workspace));
  }
  return morph(s, in, out, w, h, radius, erode != 0, static_cast<uint16_t*>(workspace));
}

}  // namespace SF_OPS_NS
