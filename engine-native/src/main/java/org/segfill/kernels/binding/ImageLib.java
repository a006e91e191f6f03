package org.segfill.kernels.binding;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.annotation.Cast;
import org.bytedeco.javacpp.annotation.Platform;

/** JavaCPP binding of {@code segfill/image.h}. Callers go through {@code ImageKernels}. */
@Platform(include = "segfill/kernels.h", link = "segfill_kernels")
public final class ImageLib {
  static {
    Loader.load();
  }

  private ImageLib() {}

  public static final int SF_FILTER_BILINEAR = 1;
  public static final int SF_FILTER_LANCZOS3 = 2;

  public static native @Cast("int64_t") long sf_resample_workspace_bytes(
      int in_w, int in_h, int out_w, int out_h, int channels, int filter);

  public static native int sf_resample_u8(
      int device,
      Pointer stream,
      @Cast("const uint8_t*") BytePointer in,
      int in_w,
      int in_h,
      int channels,
      @Cast("uint8_t*") BytePointer out,
      int out_w,
      int out_h,
      int filter,
      Pointer workspace);

  public static native void sf_sam_resized_size(int w, int h, int[] resized_w, int[] resized_h);

  public static native @Cast("int64_t") long sf_sam_preprocess_workspace_bytes(int w, int h);

  public static native int sf_sam_preprocess(
      int device,
      Pointer stream,
      @Cast("const uint8_t*") BytePointer rgb,
      int w,
      int h,
      @Cast("const float*") float[] mean3,
      @Cast("const float*") float[] std3,
      FloatPointer out,
      Pointer workspace);

  public static native @Cast("int64_t") long sf_vae_preprocess_workspace_bytes(
      int w, int h, int out_w, int out_h);

  public static native int sf_vae_preprocess(
      int device,
      Pointer stream,
      @Cast("const uint8_t*") BytePointer rgb,
      int w,
      int h,
      FloatPointer out,
      int out_w,
      int out_h,
      Pointer workspace);

  public static native int sf_tensor_to_image(
      int device,
      Pointer stream,
      @Cast("const float*") FloatPointer nchw,
      int w,
      int h,
      @Cast("uint8_t*") BytePointer rgb);
}
