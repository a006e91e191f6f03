/* Counter-based noise: Philox4x32-10 with Box-Muller normals, identical on every device. */
#ifndef SEGFILL_NOISE_H
#define SEGFILL_NOISE_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** One Philox4x32-10 block on the host: out = philox(ctr, key). For known-answer tests. */
void sf_philox4x32_10(const uint32_t* ctr4, const uint32_t* key2, uint32_t* out4);

/**
 * Fills out [batch, n] with standard normals. Sample b uses key = seed + b (modulo 2^64; low
 * word, high word); element i uses counter {i / 4 (low, high words), stream, 0} and lane i % 4
 * of the block.
 * Lanes (0, 1) and (2, 3) are Box-Muller pairs: u = ((x >> 8) + 1) * 2^-24 in (0, 1],
 * v = (y >> 8) * 2^-24, r = sqrt(-2 ln u), z0 = r cos(2 pi v), z1 = r sin(2 pi v), with our own
 * float log and sincos so every device gives the same bits. `stream` separates the noise
 * tensors of one request (initial noise, VAE samples, ancestral steps).
 */
int sf_randn_f32(int device, void* stream, float* out, int batch, int64_t n, uint64_t seed,
                 uint32_t noise_stream);

#ifdef __cplusplus
}
#endif

#endif
