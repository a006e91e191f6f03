#include "api/dispatch.h"
#include "noise/philox.h"

#define SF_OPS_HEADER "noise/noise_ops.h"
#include "api/declare_backends.inc"

extern "C" {

void sf_philox4x32_10(const uint32_t* ctr4, const uint32_t* key2, uint32_t* out4) {
  const sf::Philox4 p = sf::philox4x32_10(ctr4[0], ctr4[1], ctr4[2], ctr4[3], key2[0], key2[1]);
  for (int j = 0; j < 4; ++j) out4[j] = p.v[j];
}

int sf_randn_f32(int device, void* stream, float* out, int batch, int64_t n, uint64_t seed,
                 uint32_t noise_stream) {
  if (out == nullptr) return SF_ERR_INVALID_ARGUMENT;
  return SF_DISPATCH(device, randn_f32, stream, out, batch, n, seed, noise_stream);
}

}  // extern "C"
