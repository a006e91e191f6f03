// Mask kernels, compiled once per backend (see Makefile).
#include "mask/mask_ops.h"

#if !defined(__CUDACC__)
#include "mask/sam_sure_cells.h"
#endif

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
  // The crop is implicit: the second resize only ever indexes frame pixels below (rh, rw).
#if defined(__CUDACC__)
  // One thread per output pixel, evaluating its four frame pixels.
  return sf::for_each_2d(s, orig_w, orig_h, [=] SF_HD(int x, int y) {
    using namespace sf_mask;
    const Linear ly = torch_linear(y, rh, sy);
    const Linear lx = torch_linear(x, rw, sx);
    const Linear fy0 = torch_linear(ly.i0, kSamLowRes, frame_scale);
    const Linear fy1 = torch_linear(ly.i1, kSamLowRes, frame_scale);
    const Linear fx0 = torch_linear(lx.i0, kSamLowRes, frame_scale);
    const Linear fx1 = torch_linear(lx.i1, kSamLowRes, frame_scale);
    const float v = bilerp(ly, lx, sam_frame_value(logits, fy0, fx0),
                           sam_frame_value(logits, fy0, fx1), sam_frame_value(logits, fy1, fx0),
                           sam_frame_value(logits, fy1, fx1));
    out[static_cast<int64_t>(y) * orig_w + x] = v > threshold ? uint8_t{255} : uint8_t{0};
  });
#else
  // CPU twin: one column span per work item, walking down every row. The span's column weights
  // are computed once; the two frame rows and their horizontal interpolations A and B are
  // recomputed only when the output row maps to a new pair of frame rows (about every fourth row
  // when upscaling), so the per-pixel work is v = ly.l0 * A + ly.l1 * B, which vectorises.
  // This is bilerp() split at its outer sum: the same float operations in the same order.
  //
  // The span is cut into blocks of kSureBlock pixels. At threshold 0 a block whose logit
  // footprint (for the current pair of frame rows) is all of one sure sign is filled with 0 or
  // 255 without interpolating (see sam_sure_cells.h for why the bytes are the same), and its
  // frame values are not computed at all; only blocks near the mask's edge interpolate.
  const int spans = (orig_w + kSpan - 1) / kSpan;
  const sf_mask::SureCells cells =
      threshold == 0.0f ? sf_mask::SureCells(logits) : sf_mask::SureCells();
  const sf_mask::SureCells* sure = &cells;
  return sf::for_each(
      s, spans,
      [=](int64_t span) {
        using namespace sf_mask;
        const int x0 = static_cast<int>(span) * kSpan;
        const int n = imin(kSpan, orig_w - x0);
        Linear lx[kSpan] = {};  // n >= 1 fills [0, n); g++ cannot tell
        for (int j = 0; j < n; ++j) lx[j] = torch_linear(x0 + j, rw, sx);
        const int c0 = lx[0].i0;
        const int c1 = lx[n - 1].i1;  // i0 and i1 grow with x
        Linear fx[kSamFrame];  // the frame columns' logit weights, fixed down the span
        for (int c = c0; c <= c1; ++c) fx[c - c0] = torch_linear(c, kSamLowRes, frame_scale);
        // Per block: its frame columns, its logit columns, its class for the current row pair,
        // and whether the lower frame row (bottom, b) holds its values.
        const int blocks = (n + kSureBlock - 1) / kSureBlock;
        int block_c0[kSpan / kSureBlock];
        int block_c1[kSpan / kSureBlock];
        int logit_c0[kSpan / kSureBlock];
        int logit_c1[kSpan / kSureBlock];
        Sure state[kSpan / kSureBlock];
        bool bottom_valid[kSpan / kSureBlock];
        for (int k = 0; k < blocks; ++k) {
          block_c0[k] = lx[k * kSureBlock].i0;
          block_c1[k] = lx[imin(n, (k + 1) * kSureBlock) - 1].i1;
          logit_c0[k] = fx[block_c0[k] - c0].i0;
          logit_c1[k] = fx[block_c1[k] - c0].i1;
          bottom_valid[k] = false;
        }
        // Two frame rows and their interpolations, swapped rather than recomputed when the
        // next output row's upper frame row is this one's lower row (every row when the frame
        // is not upscaled, e.g. an image whose long side is 1024).
        float rows[2][kSamFrame];
        float interp[2][kSpan];
        float* top = rows[0];
        float* bottom = rows[1];
        float* a = interp[0];
        float* b = interp[1];
        int row0 = -1;
        int row1 = -1;
        for (int y = 0; y < orig_h; ++y) {
          const Linear ly = torch_linear(y, rh, sy);
          if (ly.i0 != row0 || ly.i1 != row1) {
            const bool shift = ly.i0 == row1;
            row0 = ly.i0;
            row1 = ly.i1;
            const Linear fy0 = torch_linear(row0, kSamLowRes, frame_scale);
            const Linear fy1 = torch_linear(row1, kSamLowRes, frame_scale);
            if (shift) {
              float* t = top;
              top = bottom;
              bottom = t;
              t = a;
              a = b;
              b = t;
            }
            for (int k = 0; k < blocks; ++k) {
              state[k] = sure->classify(fy0.i0, fy1.i1, logit_c0[k], logit_c1[k]);
              const bool top_valid = shift && bottom_valid[k];
              bottom_valid[k] = state[k] == Sure::kMixed;
              if (state[k] != Sure::kMixed) continue;
              // Neighbouring blocks may share a frame column: it is computed twice, the same.
              for (int c = block_c0[k]; c <= block_c1[k]; ++c) {
                if (!top_valid) top[c - c0] = sam_frame_value(logits, fy0, fx[c - c0]);
                bottom[c - c0] = sam_frame_value(logits, fy1, fx[c - c0]);
              }
              const int j1 = imin(n, (k + 1) * kSureBlock);
              for (int j = k * kSureBlock; j < j1; ++j) {
                if (!top_valid) {
                  a[j] = lx[j].l0 * top[lx[j].i0 - c0] + lx[j].l1 * top[lx[j].i1 - c0];
                }
                b[j] = lx[j].l0 * bottom[lx[j].i0 - c0] + lx[j].l1 * bottom[lx[j].i1 - c0];
              }
            }
          }
          uint8_t* o = out + static_cast<int64_t>(y) * orig_w + x0;
          const float l0 = ly.l0;
          const float l1 = ly.l1;
          for (int k = 0; k < blocks; ++k) {
            const int j0 = k * kSureBlock;
            const int j1 = imin(n, j0 + kSureBlock);
            if (state[k] != Sure::kMixed) {
              std::memset(o + j0, state[k] == Sure::kOne ? 255 : 0, static_cast<size_t>(j1 - j0));
              continue;
            }
            for (int j = j0; j < j1; ++j) {
              o[j] = l0 * a[j] + l1 * b[j] > threshold ? uint8_t{255} : uint8_t{0};
            }
          }
        }
      },
      1);
#endif
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
