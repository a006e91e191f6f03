// Image kernels, compiled once per backend (see Makefile). The math lives in resample.h and
// pixel_convert.h; this file only plans workspaces and launches.
#include "image/image_ops.h"

#include "image/resample.h"

namespace SF_OPS_NS {
namespace {

using sf_image::ResamplePlan;

/// CUDA: one thread per output element f(x, y). CPU twin: one output row per iteration f.row(y),
/// which lets a pass choose its cache-friendly loop order (integer sums do not depend on it).
template <class F>
int for_each_row(sf::Stream s, int w, int h, const F& f) {
#if defined(__CUDACC__)
  return sf::for_each_2d(s, w, h, f);
#else
  (void)s;
  (void)w;
#pragma omp parallel for schedule(static)
  for (int y = 0; y < h; ++y) f.row(y);
  return sf::kOk;
#endif
}

template <int C>
int horizontal(sf::Stream s, const uint8_t* src, uint8_t* dst, int rows, const ResamplePlan& p,
               const uint8_t* ws) {
  sf_image::HorizontalPass<C> pass{src,
                                   dst,
                                   reinterpret_cast<const int32_t*>(ws + p.bounds_h),
                                   reinterpret_cast<const int32_t*>(ws + p.coeffs_h),
                                   p.h.in_size,
                                   p.h.out_size,
                                   p.h.ksize};
  return for_each_row(s, p.h.out_size, rows, pass);
}

int horizontal_any(sf::Stream s, const uint8_t* src, uint8_t* dst, int rows, int channels,
                   const ResamplePlan& p, const uint8_t* ws) {
  switch (channels) {
    case 1: return horizontal<1>(s, src, dst, rows, p, ws);
    case 2: return horizontal<2>(s, src, dst, rows, p, ws);
    case 3: return horizontal<3>(s, src, dst, rows, p, ws);
    default: return horizontal<4>(s, src, dst, rows, p, ws);
  }
}

int resample_planned(sf::Stream s, const uint8_t* in, int channels, uint8_t* out, int filter,
                     const ResamplePlan& p, uint8_t* ws) {
  if (!p.need_h && !p.need_v) {
    const int64_t n = int64_t{p.h.in_size} * p.v.in_size * channels;
    return sf::copy_bytes(s, out, in, n);
  }
  // Coefficient tables: one thread per output coordinate of either axis, in double.
  {
    const sf_image::AxisSpec h = p.h;
    const sf_image::AxisSpec v = p.v;
    int32_t* bh = reinterpret_cast<int32_t*>(ws + p.bounds_h);
    int32_t* kh = reinterpret_cast<int32_t*>(ws + p.coeffs_h);
    int32_t* bv = reinterpret_cast<int32_t*>(ws + p.bounds_v);
    int32_t* kv = reinterpret_cast<int32_t*>(ws + p.coeffs_v);
    SF_TRY(sf::for_each(s, int64_t{h.out_size} + v.out_size, [=] SF_HD(int64_t i) {
      if (i < h.out_size) {
        const int xx = static_cast<int>(i);
        sf_image::axis_coeffs(h, filter, xx, bh + 2 * xx, kh + int64_t{xx} * h.ksize);
      } else {
        const int yy = static_cast<int>(i - h.out_size);
        sf_image::axis_coeffs(v, filter, yy, bv + 2 * yy, kv + int64_t{yy} * v.ksize);
      }
    }));
  }
  const uint8_t* vsrc = in;
  if (p.need_h) {
    uint8_t* hdst = p.need_v ? ws + p.tmp : out;
    SF_TRY(horizontal_any(s, in, hdst, p.v.in_size, channels, p, ws));
    vsrc = hdst;
  }
  if (p.need_v) {
    const int64_t row = int64_t{p.h.out_size} * channels;
    sf_image::VerticalPass pass{vsrc,
                                out,
                                reinterpret_cast<const int32_t*>(ws + p.bounds_v),
                                reinterpret_cast<const int32_t*>(ws + p.coeffs_v),
                                row,
                                p.v.ksize};
    SF_TRY(for_each_row(s, static_cast<int>(row), p.v.out_size, pass));
  }
  return sf::kOk;
}

}  // namespace

int64_t resample_workspace_bytes(int in_w, int in_h, int out_w, int out_h, int channels,
                                 int filter) {
  ResamplePlan p;
  return sf_image::make_plan(in_w, in_h, out_w, out_h, channels, filter, &p) ? p.bytes : -1;
}

int resample_u8(sf::Stream s, const uint8_t* in, int in_w, int in_h, int channels, uint8_t* out,
                int out_w, int out_h, int filter, void* workspace) {
  ResamplePlan p;
  if (in == nullptr || out == nullptr || workspace == nullptr ||
      !sf_image::make_plan(in_w, in_h, out_w, out_h, channels, filter, &p)) {
    return sf::kInvalidArgument;
  }
  return resample_planned(s, in, channels, out, filter, p, static_cast<uint8_t*>(workspace));
}

namespace {

/// Workspace of a "resize then convert" op: the resized RGB image, then the resample tables.
struct ConvertPlan {
  ResamplePlan resample;
  int filter;
  int64_t resized_bytes;
  int64_t bytes;
};

bool make_convert_plan(int w, int h, int out_w, int out_h, int filter, ConvertPlan* c) {
  if (!sf_image::make_plan(w, h, out_w, out_h, 3, filter, &c->resample)) return false;
  c->filter = filter;
  c->resized_bytes = sf_image::align256(int64_t{out_w} * out_h * 3);
  c->bytes = c->resized_bytes + c->resample.bytes;
  return true;
}

/// Resizes into the workspace and returns the RGB image to convert: the input itself when the
/// size is unchanged (PIL copies then), so neither a pass nor a copy runs.
int resize_rgb(sf::Stream s, const uint8_t* rgb, const ConvertPlan& c, uint8_t* ws,
               const uint8_t** resized) {
  if (!c.resample.need_h && !c.resample.need_v) {
    *resized = rgb;
    return sf::kOk;
  }
  *resized = ws;
  return resample_planned(s, rgb, 3, ws, c.filter, c.resample, ws + c.resized_bytes);
}

}  // namespace

int64_t sam_preprocess_workspace_bytes(int w, int h) {
  if (w <= 0 || h <= 0) return -1;
  int rw, rh;
  sf_image::sam_resized_size(w, h, &rw, &rh);
  ConvertPlan c;
  return make_convert_plan(w, h, rw, rh, sf_image::kBilinear, &c) ? c.bytes : -1;
}

int sam_preprocess(sf::Stream s, const uint8_t* rgb, int w, int h, sf_image::Norm3 norm,
                   float* out, void* workspace) {
  if (rgb == nullptr || out == nullptr || workspace == nullptr || w <= 0 || h <= 0) {
    return sf::kInvalidArgument;
  }
  int rw, rh;
  sf_image::sam_resized_size(w, h, &rw, &rh);
  ConvertPlan c;
  if (!make_convert_plan(w, h, rw, rh, sf_image::kBilinear, &c)) return sf::kInvalidArgument;
  const uint8_t* src = nullptr;
  SF_TRY(resize_rgb(s, rgb, c, static_cast<uint8_t*>(workspace), &src));
  constexpr int kSide = sf_image::kSamSide;
  // Rows of the three planes stacked: y in [0, 3 * 1024), x contiguous in the output.
  return sf::for_each_2d(s, kSide, 3 * kSide, [=] SF_HD(int x, int y) {
    const int c3 = y / kSide;
    const int yy = y - c3 * kSide;
    float v = 0.0f;  // padding is zero after normalisation, bottom and right only
    if (x < rw && yy < rh) {
      v = sf_image::sam_normalize(src[(int64_t{yy} * rw + x) * 3 + c3], norm.mean[c3],
                                  norm.std[c3]);
    }
    out[int64_t{y} * kSide + x] = v;
  });
}

int64_t vae_preprocess_workspace_bytes(int w, int h, int out_w, int out_h) {
  ConvertPlan c;
  return make_convert_plan(w, h, out_w, out_h, sf_image::kLanczos3, &c) ? c.bytes : -1;
}

int vae_preprocess(sf::Stream s, const uint8_t* rgb, int w, int h, float* out, int out_w,
                   int out_h, void* workspace) {
  ConvertPlan c;
  if (rgb == nullptr || out == nullptr || workspace == nullptr ||
      !make_convert_plan(w, h, out_w, out_h, sf_image::kLanczos3, &c)) {
    return sf::kInvalidArgument;
  }
  const uint8_t* src = nullptr;
  SF_TRY(resize_rgb(s, rgb, c, static_cast<uint8_t*>(workspace), &src));
  const int64_t plane = int64_t{out_w} * out_h;
  return sf::for_each_2d(s, out_w, 3 * out_h, [=] SF_HD(int x, int y) {
    const int c3 = y / out_h;
    const int yy = y - c3 * out_h;
    out[c3 * plane + int64_t{yy} * out_w + x] =
        sf_image::vae_normalize(src[(int64_t{yy} * out_w + x) * 3 + c3]);
  });
}

int tensor_to_image(sf::Stream s, const float* nchw, int w, int h, uint8_t* rgb) {
  if (nchw == nullptr || rgb == nullptr || w <= 0 || h <= 0) return sf::kInvalidArgument;
  const int64_t plane = int64_t{w} * h;
  return sf::for_each_2d(s, w, h, [=] SF_HD(int x, int y) {
    const int64_t i = int64_t{y} * w + x;
    for (int c = 0; c < 3; ++c) rgb[i * 3 + c] = sf_image::tensor_to_u8(nchw[c * plane + i]);
  });
}

}  // namespace SF_OPS_NS
