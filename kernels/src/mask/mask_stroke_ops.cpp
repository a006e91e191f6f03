// Brush strokes, compiled once per backend. Each segment of the polyline is a launch over its
// own clipped bounding box, so only pixels near the stroke are visited; painting is idempotent,
// so overlapping boxes need no ordering.
#include <cmath>
#include <cstring>

#include "mask/mask_ops.h"

namespace SF_OPS_NS {
namespace {

constexpr int kChunk = 256;  // points read per batch (the bounding boxes are computed on the host)

// The points live in the mask's memory space; the host needs them for the launch bounds.
int read_points(sf::Stream s, const float* src, int count, float* dst) {
#if defined(__CUDACC__)
  const cudaStream_t stream = static_cast<cudaStream_t>(s);
  SF_TRY(static_cast<int>(cudaMemcpyAsync(dst, src, sizeof(float) * 2 * count,
                                          cudaMemcpyDeviceToHost, stream)));
  return static_cast<int>(cudaStreamSynchronize(stream));
#else
  (void)s;
  std::memcpy(dst, src, sizeof(float) * 2 * count);
  return sf::kOk;
#endif
}

// Pixel range [lo, hi] whose centres may lie within r of [a, b]; false when empty or not finite.
bool pixel_range(float a, float b, float r, int size, int* lo, int* hi) {
  const double mn = a < b ? a : b;
  const double mx = a < b ? b : a;
  if (!std::isfinite(mn) || !std::isfinite(mx)) return false;
  // One pixel of slack on each side; the element test decides exactly.
  const double first = std::floor(mn - r - 1.0);
  const double last = std::ceil(mx + r + 1.0);
  if (last < 0.0 || first > size - 1.0) return false;
  *lo = first < 0.0 ? 0 : static_cast<int>(first);
  *hi = last > size - 1.0 ? size - 1 : static_cast<int>(last);
  return *lo <= *hi;
}

int paint_segment(sf::Stream s, uint8_t* mask, int w, int h, float ax, float ay, float bx,
                  float by, float radius, uint8_t value) {
  int xlo, xhi, ylo, yhi;
  if (!pixel_range(ax, bx, radius, w, &xlo, &xhi) || !pixel_range(ay, by, radius, h, &ylo, &yhi)) {
    return sf::kOk;
  }
  const float r2 = radius * radius;
  return sf::for_each_2d(s, xhi - xlo + 1, yhi - ylo + 1, [=] SF_HD(int i, int j) {
    const int x = xlo + i;
    const int y = ylo + j;
    if (sf_mask::near_segment(x, y, ax, ay, bx, by, r2)) {
      mask[static_cast<int64_t>(y) * w + x] = value;
    }
  });
}

}  // namespace

int mask_stroke_u8(sf::Stream s, uint8_t* mask, int w, int h, const float* points_xy,
                   int npoints, float radius, int erase) {
  if (w <= 0 || h <= 0 || npoints <= 0 || !(radius >= 0.0f) || !std::isfinite(radius) ||
      points_xy == nullptr) {
    return sf::kInvalidArgument;
  }
  const uint8_t value = erase ? 0 : 255;
  float pts[2 * (kChunk + 1)];
  if (npoints == 1) {
    SF_TRY(read_points(s, points_xy, 1, pts));
    return paint_segment(s, mask, w, h, pts[0], pts[1], pts[0], pts[1], radius, value);
  }
  // Batches overlap by one point so every segment (i, i + 1) is seen once.
  for (int start = 0; start < npoints - 1; start += kChunk) {
    const int count = (npoints - start < kChunk + 1) ? npoints - start : kChunk + 1;
    SF_TRY(read_points(s, points_xy + 2 * static_cast<int64_t>(start), count, pts));
    for (int i = 0; i + 1 < count; ++i) {
      SF_TRY(paint_segment(s, mask, w, h, pts[2 * i], pts[2 * i + 1], pts[2 * i + 2],
                           pts[2 * i + 3], radius, value));
    }
  }
  return sf::kOk;
}

}  // namespace SF_OPS_NS
