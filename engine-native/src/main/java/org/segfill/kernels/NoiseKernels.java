package org.segfill.kernels;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.segfill.kernels.binding.NoiseLib;

/**
 * Reproducible Gaussian noise: Philox4x32-10 keyed by the seed, Box-Muller normals with segfill's
 * own log and sincos, identical bits on the CPU twin and on CUDA (layout in {@code
 * segfill/noise.h}).
 *
 * <p>Seeds are Java longs read as unsigned 64-bit integers; sample b of a batch uses seed + b
 * (wrapping modulo 2^64). Noise streams are ints read as unsigned 32-bit integers; they keep the
 * noise tensors of one request (initial noise, VAE samples, ancestral steps) independent.
 */
public final class NoiseKernels {
  private final KernelTarget target;

  public NoiseKernels(KernelTarget target) {
    this.target = Args.notNull("target", target);
  }

  /** One Philox4x32-10 block on the host: {@code out = philox(ctr[4], key[2])}. */
  public static int[] philox4x32x10(int[] ctr, int[] key) {
    Args.notNull("ctr", ctr);
    Args.notNull("key", key);
    if (ctr.length != 4) {
      throw new IllegalArgumentException("ctr must have 4 words, got " + ctr.length);
    }
    if (key.length != 2) {
      throw new IllegalArgumentException("key must have 2 words, got " + key.length);
    }
    try (IntPointer c = new IntPointer(ctr);
        IntPointer k = new IntPointer(key);
        IntPointer out = new IntPointer(4)) {
      NoiseLib.sf_philox4x32_10(c, k, out);
      int[] result = new int[4];
      out.get(result);
      return result;
    }
  }

  /**
   * Fills {@code out} [batch, n] with standard normals; sample b is keyed by {@code seed + b},
   * element i comes from Philox block i / 4 of {@code noiseStream}.
   */
  public void randn(FloatPointer out, int batch, long n, long seed, int noiseStream) {
    Args.positive("batch", batch);
    Args.positive("n", n);
    Args.elements("out", out, Args.product("out", batch, n));
    Status.check(
        "sf_randn_f32",
        NoiseLib.sf_randn_f32(device(), target.stream(), out, batch, n, seed, noiseStream));
  }

  private int device() {
    return target.device().code();
  }
}
