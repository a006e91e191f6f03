package org.segfill.kernels.binding;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.annotation.Cast;
import org.bytedeco.javacpp.annotation.Platform;

/** JavaCPP binding of {@code segfill/noise.h}. Callers go through {@code NoiseKernels}. */
@Platform(include = "segfill/kernels.h", link = "segfill_kernels")
public final class NoiseLib {
  static {
    Loader.load();
  }

  private NoiseLib() {}

  public static native void sf_philox4x32_10(
      @Cast("const uint32_t*") IntPointer ctr4,
      @Cast("const uint32_t*") IntPointer key2,
      @Cast("uint32_t*") IntPointer out4);

  public static native int sf_randn_f32(
      int device,
      Pointer stream,
      FloatPointer out,
      int batch,
      long n,
      @Cast("uint64_t") long seed,
      @Cast("uint32_t") int noiseStream);
}
