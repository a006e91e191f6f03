#include "api/dispatch.h"
#include "image/workspace.h"

#define SF_OPS_HEADER "image/image_ops.h"
#include "api/declare_backends.inc"

namespace {

constexpr int kSamSide = 1024;

int64_t resized_bytes(int w, int h) { return sf::ResampleLayout::align(int64_t{w} * h * 3); }

}  // namespace

extern "C" {

int64_t sf_resample_workspace_bytes(int in_w, int in_h, int out_w, int out_h, int channels,
                                    int filter) {
  return sf::ResampleLayout::make(in_w, in_h, out_w, out_h, channels, filter).total;
}

int sf_resample_u8(int device, void* stream, const uint8_t* in, int in_w, int in_h, int channels,
                   uint8_t* out, int out_w, int out_h, int filter, void* workspace) {
  return SF_DISPATCH(device, resample_u8, stream, in, in_w, in_h, channels, out, out_w, out_h,
                     filter, workspace);
}

void sf_sam_resized_size(int w, int h, int* resized_w, int* resized_h) {
  const double scale = static_cast<double>(kSamSide) / (w > h ? w : h);
  *resized_w = static_cast<int>(w * scale + 0.5);
  *resized_h = static_cast<int>(h * scale + 0.5);
}

// Workspace: [resized RGB image][resample workspace].
int64_t sf_sam_preprocess_workspace_bytes(int w, int h) {
  int rw = 0, rh = 0;
  sf_sam_resized_size(w, h, &rw, &rh);
  return resized_bytes(rw, rh) + sf_resample_workspace_bytes(w, h, rw, rh, 3, SF_FILTER_BILINEAR);
}

int sf_sam_preprocess(int device, void* stream, const uint8_t* rgb, int w, int h,
                      const float* mean3, const float* std3, float* out, void* workspace) {
  int rw = 0, rh = 0;
  sf_sam_resized_size(w, h, &rw, &rh);
  auto* resized = static_cast<uint8_t*>(workspace);
  const int status = sf_resample_u8(device, stream, rgb, w, h, 3, resized, rw, rh,
                                    SF_FILTER_BILINEAR, resized + resized_bytes(rw, rh));
  if (status != SF_OK) return status;
  return SF_DISPATCH(device, sam_normalize_pad, stream, resized, rw, rh, mean3[0], mean3[1],
                     mean3[2], std3[0], std3[1], std3[2], out);
}

int64_t sf_vae_preprocess_workspace_bytes(int w, int h, int out_w, int out_h) {
  return resized_bytes(out_w, out_h) +
         sf_resample_workspace_bytes(w, h, out_w, out_h, 3, SF_FILTER_LANCZOS3);
}

int sf_vae_preprocess(int device, void* stream, const uint8_t* rgb, int w, int h, float* out,
                      int out_w, int out_h, void* workspace) {
  auto* resized = static_cast<uint8_t*>(workspace);
  const int status = sf_resample_u8(device, stream, rgb, w, h, 3, resized, out_w, out_h,
                                    SF_FILTER_LANCZOS3, resized + resized_bytes(out_w, out_h));
  if (status != SF_OK) return status;
  return SF_DISPATCH(device, vae_normalize, stream, resized, out_w, out_h, out);
}

int sf_tensor_to_image(int device, void* stream, const float* nchw, int w, int h, uint8_t* rgb) {
  return SF_DISPATCH(device, tensor_to_image, stream, nchw, w, h, rgb);
}

}  // extern "C"
