package org.segfill.kernels.binding;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.annotation.Cast;
import org.bytedeco.javacpp.annotation.Platform;

/** JavaCPP binding of {@code segfill/mask.h}. Callers go through {@code MaskKernels}. */
@Platform(include = "segfill/kernels.h", link = "segfill_kernels")
public final class MaskLib {
  static {
    Loader.load();
  }

  private MaskLib() {}

  public static native int sf_mask_binarize_u8(
      int device,
      Pointer stream,
      @Cast("const uint8_t*") BytePointer in,
      @Cast("uint8_t*") BytePointer out,
      long n,
      int threshold);

  public static native int sf_mask_invert_u8(
      int device,
      Pointer stream,
      @Cast("const uint8_t*") BytePointer in,
      @Cast("uint8_t*") BytePointer out,
      long n);

  public static native int sf_sam_mask_postprocess(
      int device,
      Pointer stream,
      @Cast("const float*") FloatPointer lowResLogits,
      int origW,
      int origH,
      float threshold,
      @Cast("uint8_t*") BytePointer out);

  public static native int sf_mask_downsample_nearest(
      int device,
      Pointer stream,
      @Cast("const uint8_t*") BytePointer in,
      int w,
      int h,
      FloatPointer out,
      int outW,
      int outH);

  public static native long sf_mask_morph_workspace_bytes(int w, int h);

  public static native int sf_mask_morph_u8(
      int device,
      Pointer stream,
      @Cast("const uint8_t*") BytePointer in,
      @Cast("uint8_t*") BytePointer out,
      int w,
      int h,
      int radius,
      int erode,
      Pointer workspace);

  public static native long sf_mask_feather_workspace_bytes(int w, int h);

  public static native int sf_mask_feather_u8(
      int device,
      Pointer stream,
      @Cast("const uint8_t*") BytePointer in,
      @Cast("uint8_t*") BytePointer out,
      int w,
      int h,
      int radius,
      Pointer workspace);

  public static native int sf_mask_stroke_u8(
      int device,
      Pointer stream,
      @Cast("uint8_t*") BytePointer mask,
      int w,
      int h,
      @Cast("const float*") FloatPointer pointsXy,
      int npoints,
      float radius,
      int erase);

  public static native int sf_blend_u8(
      int device,
      Pointer stream,
      @Cast("const uint8_t*") BytePointer original,
      int w,
      int h,
      int channels,
      @Cast("const uint8_t*") BytePointer generated,
      @Cast("const uint8_t*") BytePointer alpha,
      int x0,
      int y0,
      int rw,
      int rh,
      @Cast("uint8_t*") BytePointer out);
}
