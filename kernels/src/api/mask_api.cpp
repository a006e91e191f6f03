#include <cmath>

#include "api/dispatch.h"
#include "mask/mask_math.h"

#define SF_OPS_HEADER "mask/mask_ops.h"
#include "api/declare_backends.inc"

namespace {

// Computed here, once, so both backends receive the very same integer weights.
sf_mask::FeatherTaps feather_taps(int radius) {
  sf_mask::FeatherTaps taps{};
  taps.radius = radius;
  if (radius == 0) {
    taps.w[0] = 4096;
    return taps;
  }
  const double sigma = radius / 3.0;
  double g[sf_mask::kMaxFeatherRadius + 1];
  double sum = 0.0;
  for (int k = 0; k <= radius; ++k) {
    g[k] = std::exp(-(static_cast<double>(k) * k) / (2.0 * sigma * sigma));
    sum += k == 0 ? g[k] : 2.0 * g[k];
  }
  int32_t side = 0;
  for (int k = 1; k <= radius; ++k) {
    const int32_t wk = static_cast<int32_t>(std::floor(4096.0 * g[k] / sum + 0.5));
    taps.w[radius + k] = wk;
    taps.w[radius - k] = wk;
    side += 2 * wk;
  }
  taps.w[radius] = 4096 - side;  // the rounding residue goes to the centre tap
  return taps;
}

int64_t mask_u16_workspace(int w, int h) {
  if (w <= 0 || h <= 0) return 0;
  return static_cast<int64_t>(w) * h * static_cast<int64_t>(sizeof(uint16_t));
}

}  // namespace

extern "C" {

int sf_mask_binarize_u8(int device, void* stream, const uint8_t* in, uint8_t* out, int64_t n,
                        int threshold) {
  return SF_DISPATCH(device, mask_binarize_u8, stream, in, out, n, threshold);
}

int sf_mask_invert_u8(int device, void* stream, const uint8_t* in, uint8_t* out, int64_t n) {
  return SF_DISPATCH(device, mask_invert_u8, stream, in, out, n);
}

int sf_sam_mask_postprocess(int device, void* stream, const float* low_res_logits, int orig_w,
                            int orig_h, float threshold, uint8_t* out) {
  if (orig_w <= 0 || orig_h <= 0) return SF_ERR_INVALID_ARGUMENT;
  return SF_DISPATCH(device, sam_mask_postprocess, stream, low_res_logits, orig_w, orig_h,
                     threshold, out);
}

int sf_mask_downsample_nearest(int device, void* stream, const uint8_t* in, int w, int h,
                               float* out, int out_w, int out_h) {
  if (w <= 0 || h <= 0 || out_w <= 0 || out_h <= 0) return SF_ERR_INVALID_ARGUMENT;
  return SF_DISPATCH(device, mask_downsample_nearest, stream, in, w, h, out, out_w, out_h);
}

int64_t sf_mask_morph_workspace_bytes(int w, int h) { return mask_u16_workspace(w, h); }

int sf_mask_morph_u8(int device, void* stream, const uint8_t* in, uint8_t* out, int w, int h,
                     int radius, int erode, void* workspace) {
  return SF_DISPATCH(device, mask_morph_u8, stream, in, out, w, h, radius, erode, workspace);
}

int64_t sf_mask_feather_workspace_bytes(int w, int h) {
  if (w <= 0 || h <= 0) return 0;
  return mask_u16_workspace(w, h) + static_cast<int64_t>(sf_mask::feather_flag_spans(w)) * h;
}

int sf_mask_feather_u8(int device, void* stream, const uint8_t* in, uint8_t* out, int w, int h,
                       int radius, void* workspace) {
  if (radius < 0 || radius > sf_mask::kMaxFeatherRadius) return SF_ERR_INVALID_ARGUMENT;
  const sf_mask::FeatherTaps taps = feather_taps(radius);
  return SF_DISPATCH(device, mask_feather_u8, stream, in, out, w, h, taps, workspace);
}

int sf_mask_stroke_u8(int device, void* stream, uint8_t* mask, int w, int h,
                      const float* points_xy, int npoints, float radius, int erase) {
  return SF_DISPATCH(device, mask_stroke_u8, stream, mask, w, h, points_xy, npoints, radius,
                     erase);
}

int sf_blend_u8(int device, void* stream, const uint8_t* original, int w, int h, int channels,
                const uint8_t* generated, const uint8_t* alpha, int x0, int y0, int rw, int rh,
                uint8_t* out) {
  return SF_DISPATCH(device, blend_u8, stream, original, w, h, channels, generated, alpha, x0, y0,
                     rw, rh, out);
}

}  // extern "C"
