// Separable Gaussian feathering in exact integer fixed point, compiled once per backend.
//
// Pass 1 (rows): t = (sum_k w_k * in[x + k] + 8) >> 4, a Q8 value in uint16 (at most 255 * 256).
// Pass 2 (columns): out = (sum_k w_k * t[y + k] + 2^19) >> 20. Weights are Q12 summing to 4096,
// borders are replicated. Sums are symmetric-folded; integer sums make the order irrelevant.
// Taps are the outer loop and pixels of a span the inner one, so the CPU twin vectorises. A span
// whose whole window is constant takes a shortcut that yields the very same integers.
#include "mask/mask_ops.h"

namespace SF_OPS_NS {
namespace {

// Narrower spans than the other kernels: more of them fall entirely inside flat regions.
constexpr int kFeatherSpan = sf_mask::kSpan < sf_mask::kFeatherFlagColumns
                                 ? sf_mask::kSpan
                                 : sf_mask::kFeatherFlagColumns;
// The CPU twin records which row spans came out of pass 1 flat, so pass 2 can tell a flat
// column window from 2r + 1 flags instead of rereading 2r + 1 rows. CUDA does not need it.
constexpr bool kUseFlags = kFeatherSpan == sf_mask::kFeatherFlagColumns;

}  // namespace

int mask_feather_u8(sf::Stream s, const uint8_t* in, uint8_t* out, int w, int h,
                    const sf_mask::FeatherTaps& taps, void* workspace) {
  constexpr int kSpan = kFeatherSpan;
  const int r = taps.radius;
  if (w <= 0 || h <= 0 || r < 0 || r > sf_mask::kMaxFeatherRadius || workspace == nullptr ||
      in == out) {
    return sf::kInvalidArgument;
  }
  uint16_t* tmp = static_cast<uint16_t*>(workspace);
  const int flag_spans = sf_mask::feather_flag_spans(w);
  uint8_t* flags = reinterpret_cast<uint8_t*>(tmp + static_cast<int64_t>(w) * h);
  bool use_flags = kUseFlags;  // not const: a constant condition trips nvcc's reachability check
  const sf_mask::FeatherTaps t = taps;
  const int spans = (w + kSpan - 1) / kSpan;

  SF_TRY(sf::for_each_2d(s, spans, h, [=] SF_HD(int cx, int y) {
    const int x0 = cx * kSpan;
    const int n = sf_mask::imin(kSpan, w - x0);
    const uint8_t* row = in + static_cast<int64_t>(y) * w;
    uint16_t* d = tmp + static_cast<int64_t>(y) * w + x0;
    // Masks are mostly flat: a constant window gives exactly 4096 * v, so skip the taps.
    const int a0 = sf_mask::imax(x0 - r, 0);
    const int a1 = sf_mask::imin(x0 + n + r, w);
    const uint8_t v0 = row[a0];
    uint8_t diff = 0;
    for (int x = a0; x < a1; ++x) diff |= static_cast<uint8_t>(row[x] ^ v0);
    if (use_flags) flags[static_cast<int64_t>(y) * flag_spans + cx] = diff == 0;
    if (diff == 0) {
      const uint16_t flat = static_cast<uint16_t>(v0 << 8);  // (4096 * v + 8) >> 4
      for (int j = 0; j < n; ++j) d[j] = flat;
      return;
    }
    int32_t acc[kSpan] = {};
    const int32_t wc = t.w[r];
    for (int j = 0; j < n; ++j) acc[j] = wc * row[x0 + j];
    // Pixels [j0, j1) have their whole window inside the row: one contiguous loop per tap.
    const int j0 = sf_mask::clampi(r - x0, 0, n);
    const int j1 = sf_mask::clampi(w - r - x0, j0, n);
    // Two taps per sweep halve the accumulator loads and stores.
    int k = 1;
    for (; k + 1 <= r; k += 2) {
      const int32_t wa = t.w[r + k];
      const int32_t wb = t.w[r + k + 1];
      const uint8_t* la = row + x0 - k;
      const uint8_t* ha = row + x0 + k;
      const uint8_t* lb = la - 1;
      const uint8_t* hb = ha + 1;
      for (int j = j0; j < j1; ++j) acc[j] += wa * (la[j] + ha[j]) + wb * (lb[j] + hb[j]);
    }
    if (k <= r) {
      const int32_t wk = t.w[r + k];
      const uint8_t* lo = row + x0 - k;
      const uint8_t* hi = row + x0 + k;
      for (int j = j0; j < j1; ++j) acc[j] += wk * (lo[j] + hi[j]);
    }
    // The pixels near the row ends replicate the edge pixel.
    for (int j = 0; j < n; ++j) {
      if (j == j0) j = j1;
      if (j >= n) break;
      const int x = x0 + j;
      for (int k = 1; k <= r; ++k) {
        acc[j] += t.w[r + k] * (row[sf_mask::clampi(x - k, 0, w - 1)] +
                                row[sf_mask::clampi(x + k, 0, w - 1)]);
      }
    }
    for (int j = 0; j < n; ++j) d[j] = static_cast<uint16_t>((acc[j] + 8) >> 4);
  }));

  return sf::for_each_2d(s, spans, h, [=] SF_HD(int cx, int y) {
    const int x0 = cx * kSpan;
    const int n = sf_mask::imin(kSpan, w - x0);
    const uint16_t* c = tmp + static_cast<int64_t>(y) * w + x0;
    uint8_t* o = out + static_cast<int64_t>(y) * w + x0;
    const int b0 = sf_mask::imax(y - r, 0);
    const int b1 = sf_mask::imin(y + r, h - 1);
    const uint16_t c0 = c[0];
    bool flat_window = use_flags;
    if (use_flags) {
      for (int yy = b0; yy <= b1 && flat_window; ++yy) {
        flat_window = flags[static_cast<int64_t>(yy) * flag_spans + cx] != 0 &&
                      tmp[static_cast<int64_t>(yy) * w + x0] == c0;
      }
    }
    if (flat_window) {
      const uint8_t flat = static_cast<uint8_t>((4096u * c0 + (1u << 19)) >> 20);
      for (int j = 0; j < n; ++j) o[j] = flat;
      return;
    }
    uint32_t acc[kSpan] = {};
    const uint32_t wc = static_cast<uint32_t>(t.w[r]);
    for (int j = 0; j < n; ++j) acc[j] = wc * c[j];
    int k = 1;
    for (; k + 1 <= r; k += 2) {
      const uint32_t wa = static_cast<uint32_t>(t.w[r + k]);
      const uint32_t wb = static_cast<uint32_t>(t.w[r + k + 1]);
      const uint16_t* la = tmp + static_cast<int64_t>(sf_mask::imax(y - k, 0)) * w + x0;
      const uint16_t* ha = tmp + static_cast<int64_t>(sf_mask::imin(y + k, h - 1)) * w + x0;
      const uint16_t* lb = tmp + static_cast<int64_t>(sf_mask::imax(y - k - 1, 0)) * w + x0;
      const uint16_t* hb = tmp + static_cast<int64_t>(sf_mask::imin(y + k + 1, h - 1)) * w + x0;
      for (int j = 0; j < n; ++j) {
        acc[j] += wa * (static_cast<uint32_t>(la[j]) + ha[j]) +
                  wb * (static_cast<uint32_t>(lb[j]) + hb[j]);
      }
    }
    if (k <= r) {
      const uint32_t wk = static_cast<uint32_t>(t.w[r + k]);
      const uint16_t* lo = tmp + static_cast<int64_t>(sf_mask::imax(y - k, 0)) * w + x0;
      const uint16_t* hi = tmp + static_cast<int64_t>(sf_mask::imin(y + k, h - 1)) * w + x0;
      for (int j = 0; j < n; ++j) acc[j] += wk * (static_cast<uint32_t>(lo[j]) + hi[j]);
    }
    for (int j = 0; j < n; ++j) o[j] = static_cast<uint8_t>((acc[j] + (1u << 19)) >> 20);
  });
}

}  // namespace SF_OPS_NS
