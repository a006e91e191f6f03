// Per-element conversions between 8-bit images and float tensors (SAM and VAE pre-processing, VAE
// output), shared by the CUDA build and the CPU twin. All float steps are single IEEE operations in
// the order the reference Python code performs them, so both backends agree bit for bit.
#pragma once

#include <cmath>
#include <cstdint>

#include "common/launch.h"
#include "common/sam_geometry.h"

namespace sf_image {

using sf::kSamSide;
using sf::sam_resized_size;

/// Per-channel normalisation constants, captured by value into kernels.
struct Norm3 {
  float mean[3];
  float std[3];
};

/// (x - mean) / std in float32, x on the 0..255 scale (torch: uint8 tensor minus float buffer).
SF_HD SF_INLINE float sam_normalize(uint8_t v, float mean, float std) {
  return (static_cast<float>(v) - mean) / std;
}

/// numpy float32 v / 255, then torch 2 * x - 1.
SF_HD SF_INLINE float vae_normalize(uint8_t v) {
  return static_cast<float>(v) / 255.0f * 2.0f - 1.0f;
}

/// clamp(x / 2 + 0.5, 0, 1) * 255 rounded half to even. fmaxf/fminf return the other operand
/// for NaN, so NaN maps to 0 (numpy leaves that case undefined).
SF_HD SF_INLINE uint8_t tensor_to_u8(float x) {
  const float y = fminf(fmaxf(x / 2.0f + 0.5f, 0.0f), 1.0f);
  return static_cast<uint8_t>(rintf(y * 255.0f));
}

}  // namespace sf_image
