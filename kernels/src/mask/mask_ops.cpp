// Mask kernels, compiled once per backend (see Makefile).
#include "mask/mask_ops.h"

namespace SF_OPS_NS {

int mask_binarize_u8(sf::Stream s, const uint8_t* in, uint8_t* out, int64_t n, int threshold) {
  return sf::for_each(s, n, [=] SF_HD(int64_t i) {
    out[i] = in[i] >= threshold ? uint8_t{255} : uint8_t{0};
  });
}

int mask_invert_u8(sf::Stream s, const uint8_t* in, uint8_t* out, int64_t n) {
  return sf::for_each(s, n, [=] SF_HD(int64_t i) { out[i] = static_cast<uint8_t>(255 - in[i]); });
}

int sam_mask_postprocess(sf::Stream s, const float* logits, int orig_w, int orig_h,
                         float threshold, uint8_t* out) {
  using sf_mask::kSpan;
  int rw = 0;
  int rh = 0;
  sf_mask::sam_resized_size(orig_w, orig_h, &rw, &rh);
  const float frame_scale = static_cast<float>(sf_mask::kSamLowRes) / sf_mask::kSamFrame;
  const float sx = static_cast<float>(rw) / static_cast<float>(orig_w);
  const float sy = static_cast<float>(rh) / static_cast<float>(orig_h);
  const int spans = (orig_w + kSpan - 1) / kSpan;
  // The CPU twin evaluates each needed frame pixel of a span's two frame rows once (a span maps
  // to at most 1024 frame columns); CUDA evaluates the four frame pixels per output pixel. Both
  // run the same float operations on the same values.
  // The crop is implicit: the second resize only ever indexes frame pixels below (rh, rw).
  return sf::for_each_2d(s, spans, orig_h, [=] SF_HD(int cx, int y) {
    using namespace sf_mask;
    const float* lg = logits;
    const int x0 = cx * kSpan;
    const int n = imin(kSpan, orig_w - x0);
    const float thr = threshold;
    const Linear ly = torch_linear(y, rh, sy);
    const Linear fy0 = torch_linear(ly.i0, kSamLowRes, frame_scale);
    const Linear fy1 = torch_linear(ly.i1, kSamLowRes, frame_scale);
    uint8_t* o = out + static_cast<int64_t>(y) * orig_w + x0;
#if !defined(__CUDACC__)
    {
      const int c0 = torch_linear(x0, rw, sx).i0;
      const int c1 = torch_linear(x0 + n - 1, rw, sx).i1;  // i0, i1 grow with x
      float top[kSamFrame];
      float bottom[kSamFrame];
      for (int c = c0; c <= c1; ++c) {
        const Linear fx = torch_linear(c, kSamLowRes, frame_scale);
        top[c - c0] = sam_frame_value(lg, fy0, fx);
        bottom[c - c0] = sam_frame_value(lg, fy1, fx);
      }
      for (int j = 0; j < n; ++j) {
        const Linear lx = torch_linear(x0 + j, rw, sx);
        const float v = bilerp(ly, lx, top[lx.i0 - c0], top[lx.i1 - c0], bottom[lx.i0 - c0],
                               bottom[lx.i1 - c0]);
        o[j] = v > thr ? uint8_t{255} : uint8_t{0};
      }
      return;
    }
#endif
    for (int j = 0; j < n; ++j) {
      const Linear lx = torch_linear(x0 + j, rw, sx);
      const Linear fx0 = torch_linear(lx.i0, kSamLowRes, frame_scale);
      const Linear fx1 = torch_linear(lx.i1, kSamLowRes, frame_scale);
      const float v = bilerp(ly, lx, sam_frame_value(lg, fy0, fx0), sam_frame_value(lg, fy0, fx1),
                             sam_frame_value(lg, fy1, fx0), sam_frame_value(lg, fy1, fx1));
      o[j] = v > thr ? uint8_t{255} : uint8_t{0};
    }
  });
}

int mask_downsample_nearest(sf::Stream s, const uint8_t* in, int w, int h, float* out, int out_w,
                            int out_h) {
  const float sx = static_cast<float>(w) / static_cast<float>(out_w);
  const float sy = static_cast<float>(h) / static_cast<float>(out_h);
  return sf::for_each_2d(s, out_w, out_h, [=] SF_HD(int x, int y) {
    const int ix = sf_mask::torch_nearest(x, w, sx);
    const int iy = sf_mask::torch_nearest(y, h, sy);
    out[static_cast<int64_t>(y) * out_w + x] =
        static_cast<float>(in[static_cast<int64_t>(iy) * w + ix]) / 255.0f;
  });
}

}  // namespace SF_OPS_NS
