package org.segfill.kernels.binding;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.ShortPointer;
import org.bytedeco.javacpp.annotation.Cast;
import org.bytedeco.javacpp.annotation.Platform;

/** JavaCPP binding of {@code segfill/latent.h}. Callers go through {@code LatentKernels}. */
@Platform(include = "segfill/kernels.h", link = "segfill_kernels")
public final class LatentLib {
  static {
    Loader.load();
  }

  private LatentLib() {}

  public static native int sf_f32_to_f16(
      int device, Pointer stream, FloatPointer in, @Cast("uint16_t*") ShortPointer out, long n);

  public static native int sf_f16_to_f32(
      int device, Pointer stream, @Cast("const uint16_t*") ShortPointer in, FloatPointer out,
      long n);

  public static native int sf_unet_input_f32(
      int device,
      Pointer stream,
      FloatPointer latents,
      FloatPointer mask,
      FloatPointer maskedLatents,
      int batch,
      int maskBatch,
      int h,
      int w,
      float scale,
      int copies,
      FloatPointer out);

  public static native int sf_sampler_step_f32(
      int device,
      Pointer stream,
      FloatPointer modelOut,
      FloatPointer latents,
      FloatPointer history,
      int batch,
      long n,
      int cfg,
      float guidance,
      @Cast("const float*") float[] coef,
      @Cast("uint64_t") long seed,
      @Cast("uint32_t") int noiseStream);

  public static native int sf_unet_input_planned_f32(
      int device,
      Pointer stream,
      FloatPointer latents,
      FloatPointer mask,
      FloatPointer maskedLatents,
      int batch,
      int maskBatch,
      int h,
      int w,
      int copies,
      @Cast("const sf_step_plan*") Pointer plans,
      int planCount,
      @Cast("const int32_t*") IntPointer step,
      FloatPointer out,
      FloatPointer timestepOut);

  public static native int sf_sampler_step_planned_f32(
      int device,
      Pointer stream,
      FloatPointer modelOut,
      FloatPointer latents,
      FloatPointer history,
      int batch,
      long n,
      int cfg,
      float guidance,
      @Cast("const sf_step_plan*") Pointer plans,
      int planCount,
      @Cast("const int32_t*") IntPointer step,
      @Cast("uint64_t") long seed);

  public static native int sf_step_advance(
      int device, Pointer stream, @Cast("int32_t*") IntPointer step);

  public static native int sf_copy_to_step_slot_f32(
      int device,
      Pointer stream,
      FloatPointer src,
      FloatPointer ring,
      long n,
      int slots,
      @Cast("const int32_t*") IntPointer step);

  public static native int sf_add_noise_f32(
      int device,
      Pointer stream,
      FloatPointer x0,
      FloatPointer noise,
      float a,
      float b,
      FloatPointer out,
      long n);
}
