/* Image <-> tensor kernels: PIL-compatible resampling, SAM and VAE pre-processing, VAE output. */
#ifndef SEGFILL_IMAGE_H
#define SEGFILL_IMAGE_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** PIL Image.BILINEAR (triangle filter, support 1, widened when downscaling). */
#define SF_FILTER_BILINEAR 1
/** PIL Image.LANCZOS (Lanczos3, support 3, widened when downscaling). */
#define SF_FILTER_LANCZOS3 2

/** Bytes of workspace sf_resample_u8 needs: coefficient tables plus the intermediate image
 * (always > 0), or -1 for sizes <= 0, channels outside 1..4 or an unknown filter. */
int64_t sf_resample_workspace_bytes(int in_w, int in_h, int out_w, int out_h, int channels,
                                    int filter);

/**
 * Resizes an interleaved 8-bit image (HWC, 1 to 4 channels) the way PIL's Image.resize does:
 * a horizontal pass then a vertical pass, each with normalised fixed-point coefficients
 * (22 fractional bits) and rounding to uint8 after the pass. The filter support is widened by
 * the scale when downscaling, which makes the resize antialiased. `workspace` is device memory
 * on CUDA, of at least sf_resample_workspace_bytes(). Channels are independent, as PIL's L, RGB,
 * RGBX and CMYK modes (PIL premultiplies RGBA and LA; this does not). Bilinear is bit exact on
 * both devices; Lanczos coefficients use sin(), so CUDA and CPU may differ by 1 in rare bytes.
 */
int sf_resample_u8(int device, void* stream, const uint8_t* in, int in_w, int in_h, int channels,
                   uint8_t* out, int out_w, int out_h, int filter, void* workspace);

/**
 * SAM's resized size for an original w x h image: the longest side becomes 1024 and the other
 * is int(side * scale + 0.5) with scale = 1024.0 / max(w, h), in double (model contract A2).
 * A side that would round to 0 becomes 1; w or h <= 0 gives 0 x 0.
 */
void sf_sam_resized_size(int w, int h, int* resized_w, int* resized_h);

/** Bytes of workspace sf_sam_preprocess needs for a w x h input (-1 for sizes <= 0). */
int64_t sf_sam_preprocess_workspace_bytes(int w, int h);

/**
 * SAM image pre-processing (contract A2): RGB HWC uint8 -> bilinear antialiased resize of the
 * longest side to 1024 (PIL rounding) -> (x - mean[c]) / std[c] on the 0-255 scale -> zero pad
 * bottom and right -> float NCHW [1,3,1024,1024]. mean3 and std3 are host pointers to 3 floats.
 */
int sf_sam_preprocess(int device, void* stream, const uint8_t* rgb, int w, int h,
                      const float* mean3, const float* std3, float* out, void* workspace);

/** Bytes of workspace sf_vae_preprocess needs (-1 for sizes <= 0). */
int64_t sf_vae_preprocess_workspace_bytes(int w, int h, int out_w, int out_h);

/**
 * VAE image pre-processing (contract B6): RGB HWC uint8 -> PIL LANCZOS resize to out_w x out_h
 * -> x / 255 * 2 - 1 in float32 -> NCHW [1,3,out_h,out_w].
 */
int sf_vae_preprocess(int device, void* stream, const uint8_t* rgb, int w, int h, float* out,
                      int out_w, int out_h, void* workspace);

/**
 * VAE output to image (contract B9): float NCHW [1,3,h,w] in about [-1,1] ->
 * clamp(x / 2 + 0.5, 0, 1) * 255 rounded half to even -> RGB HWC uint8. NaN gives 0.
 */
int sf_tensor_to_image(int device, void* stream, const float* nchw, int w, int h, uint8_t* rgb);

#ifdef __cplusplus
}
#endif

#endif
