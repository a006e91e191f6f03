#include "api/dispatch.h"
#include "image/pixel_convert.h"

#define SF_OPS_HEADER "image/image_ops.h"
#include "api/declare_backends.inc"

extern "C" {

// Workspace sizes are backend independent; the CPU twin's planner answers for both.
int64_t sf_resample_workspace_bytes(int in_w, int in_h, int out_w, int out_h, int channels,
                                    int filter) {
  return sf_cpu::resample_workspace_bytes(in_w, in_h, out_w, out_h, channels, filter);
}

int sf_resample_u8(int device, void* stream, const uint8_t* in, int in_w, int in_h, int channels,
                   uint8_t* out, int out_w, int out_h, int filter, void* workspace) {
  return SF_DISPATCH(device, resample_u8, stream, in, in_w, in_h, channels, out, out_w, out_h,
                     filter, workspace);
}

void sf_sam_resized_size(int w, int h, int* resized_w, int* resized_h) {
  if (resized_w == nullptr || resized_h == nullptr) return;
  if (w <= 0 || h <= 0) {
    *resized_w = 0;
    *resized_h = 0;
    return;
  }
  sf_image::sam_resized_size(w, h, resized_w, resized_h);
}

int64_t sf_sam_preprocess_workspace_bytes(int w, int h) {
  return sf_cpu::sam_preprocess_workspace_bytes(w, h);
}

int sf_sam_preprocess(int device, void* stream, const uint8_t* rgb, int w, int h,
                      const float* mean3, const float* std3, float* out, void* workspace) {
  if (mean3 == nullptr || std3 == nullptr) return SF_ERR_INVALID_ARGUMENT;
  // Host constants travel by value into the kernel, so the caller's arrays may be freed at once.
  sf_image::Norm3 norm;
  for (int c = 0; c < 3; ++c) {
    norm.mean[c] = mean3[c];
    norm.std[c] = std3[c];
  }
  return SF_DISPATCH(device, sam_preprocess, stream, rgb, w, h, norm, out, workspace);
}

int64_t sf_vae_preprocess_workspace_bytes(int w, int h, int out_w, int out_h) {
  return sf_cpu::vae_preprocess_workspace_bytes(w, h, out_w, out_h);
}

int sf_vae_preprocess(int device, void* stream, const uint8_t* rgb, int w, int h, float* out,
                      int out_w, int out_h, void* workspace) {
  return SF_DISPATCH(device, vae_preprocess, stream, rgb, w, h, out, out_w, out_h, workspace);
}

int sf_tensor_to_image(int device, void* stream, const float* nchw, int w, int h, uint8_t* rgb) {
  return SF_DISPATCH(device, tensor_to_image, stream, nchw, w, h, rgb);
}

}  // extern "C"
