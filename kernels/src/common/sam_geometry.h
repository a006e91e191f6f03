// SAM's resize-longest-side geometry, shared by pre-processing (image) and post-processing (mask)
// so both always agree on the resized size.
#pragma once

namespace sf {

/// SAM's square input side.
constexpr int kSamSide = 1024;

/// Contract A2: scale = 1024 / max(w, h) in double, side' = int(side * scale + 0.5). A side that
/// would round to 0 (aspect ratio beyond 2048:1) is kept at 1 so the crop is never empty.
inline void sam_resized_size(int w, int h, int* rw, int* rh) {
  const double scale = static_cast<double>(kSamSide) / static_cast<double>(w > h ? w : h);
  const int a = static_cast<int>(w * scale + 0.5);
  const int b = static_cast<int>(h * scale + 0.5);
  *rw = a < 1 ? 1 : a;
  *rh = b < 1 ? 1 : b;
}

}  // namespace sf
