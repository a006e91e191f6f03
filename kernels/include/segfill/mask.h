/* Mask kernels: SAM post-processing, binary ops, morphology, feathering, brushing, blending.
 * Masks are 8-bit, one byte per pixel, row-major; 255 (any non-zero) = selected. */
#ifndef SEGFILL_MASK_H
#define SEGFILL_MASK_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** out[i] = in[i] >= threshold ? 255 : 0, for n bytes. In place is allowed. */
int sf_mask_binarize_u8(int device, void* stream, const uint8_t* in, uint8_t* out, int64_t n,
                        int threshold);

/** out[i] = 255 - in[i], for n bytes. In place is allowed. */
int sf_mask_invert_u8(int device, void* stream, const uint8_t* in, uint8_t* out, int64_t n);

/**
 * SAM mask post-processing in one pass (contract A5): 256x256 low-res logits -> bilinear
 * (align_corners=False) to the padded 1024x1024 frame -> crop to the resized size -> bilinear to
 * orig_w x orig_h -> out = logit > threshold ? 255 : 0. The resized size is contract A2's:
 * scale = 1024.0 / max(w, h) in double, side' = int(side * scale + 0.5), kept >= 1 so extreme
 * aspect ratios (beyond 2048:1) still have a non-empty crop. Every output pixel is computed
 * directly from the logits (no 1024x1024 intermediate), with the same float operations as the
 * literal two-step computation.
 */
int sf_sam_mask_postprocess(int device, void* stream, const float* low_res_logits, int orig_w,
                            int orig_h, float threshold, uint8_t* out);

/**
 * Nearest downsampling to the latent grid (torch F.interpolate mode "nearest"):
 * out[y][x] = in[sy][sx] / 255.0f with sx = min(floor(x * (float)(w / out_w)), w - 1) and
 * the scale a float, as torch computes it (likewise sy). For a factor of 8 that is the top-left
 * pixel of each 8x8 block.
 */
int sf_mask_downsample_nearest(int device, void* stream, const uint8_t* in, int w, int h,
                               float* out, int out_w, int out_h);

/** Bytes of workspace sf_mask_morph_u8 needs for a w x h mask. */
int64_t sf_mask_morph_workspace_bytes(int w, int h);

/**
 * Grows (erode = 0) or shrinks (erode = 1) a binary mask by `radius` px with a disk structuring
 * element {(dx, dy) : dx^2 + dy^2 <= radius^2}. Pixels outside the image count as unselected when
 * growing and as selected when shrinking, so a mask touching the border does not shrink away from
 * it. radius 0 copies the binarised input. radius <= 32767. Not in place.
 */
int sf_mask_morph_u8(int device, void* stream, const uint8_t* in, uint8_t* out, int w, int h,
                     int radius, int erode, void* workspace);

/** Bytes of workspace sf_mask_feather_u8 needs for a w x h mask. */
int64_t sf_mask_feather_workspace_bytes(int w, int h);

/**
 * Feathers a mask by `radius` px: a separable Gaussian with sigma = radius / 3 truncated at
 * +-radius, with edge pixels replicated, in exact integer fixed point so every device gives the
 * same bytes. A pixel with no selected pixel within the kernel window stays exactly 0, one
 * whose window is all 255 gives exactly 255. radius 0 copies the input; radius <= 255.
 * Weights: w_k = round(4096 * g_k / sum g) for k != 0 with g_k = exp(-k^2 / (2 sigma^2)) in
 * double, and the centre takes the rest so they sum to exactly 4096. Pass 1 (rows):
 * t = (sum w_k * in + 8) >> 4 (uint16); pass 2 (columns): out = (sum w_k * t + 2^19) >> 20.
 * Not in place.
 */
int sf_mask_feather_u8(int device, void* stream, const uint8_t* in, uint8_t* out, int w, int h,
                       int radius, void* workspace);

/**
 * Rasterises a brush stroke into the mask in place: every pixel whose centre lies within
 * `radius` of the polyline through `points_xy` (npoints (x, y) float pairs, pixel coordinates,
 * in the same memory space as the mask) is set to 255, or to 0 when erase is 1. A single point
 * paints a disk. Pixel (i, j) covers [i, i + 1) x [j, j + 1) and its centre is (i + 0.5, j + 0.5);
 * it is painted when the squared distance from its centre to a segment is <= radius^2 (float).
 * Only the bounding box of each segment is visited. Segments with a non-finite coordinate paint
 * nothing. On CUDA the call reads the points back to the host to bound the launches, so it
 * synchronises the stream.
 */
int sf_mask_stroke_u8(int device, void* stream, uint8_t* mask, int w, int h,
                      const float* points_xy, int npoints, float radius, int erase);

/**
 * Composites a generated region over the original through an 8-bit alpha:
 * out = (original * (255 - a) + generated * a + 127) / 255 per channel, exact in integers.
 * The region is rw x rh at (x0, y0) inside the w x h original; generated and alpha are
 * region-sized. Outside the region, and wherever a == 0, out is the original bytes exactly.
 * out may be the original (in place).
 */
int sf_blend_u8(int device, void* stream, const uint8_t* original, int w, int h, int channels,
                const uint8_t* generated, const uint8_t* alpha, int x0, int y0, int rw, int rh,
                uint8_t* out);

#ifdef __cplusplus
}
#endif

#endif
