#include "api/dispatch.h"

#define SF_OPS_HEADER "mask/mask_ops.h"
#include "api/declare_backends.inc"

extern "C" {

int sf_mask_binarize_u8(int device, void* stream, const uint8_t* in, uint8_t* out, int64_t n,
                        int threshold) {
  return SF_DISPATCH(device, mask_binarize_u8, stream, in, out, n, threshold);
}

int sf_mask_invert_u8(int device, void* stream, const uint8_t* in, uint8_t* out, int64_t n) {
  return SF_DISPATCH(device, mask_invert_u8, stream, in, out, n);
}

}  // extern "C"
