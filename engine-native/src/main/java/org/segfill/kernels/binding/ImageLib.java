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

  public static native @Cast("int64_t") long sf_resample_workspace_bytes(
      int inW, int inH, int outW, int outH, int channels, int filter);

  public static native int sf_resample_u8(int device, Pointer stream,
      @Cast("const uint8_t*") BytePointer in, int inW, int inH, int channels,
      @Cast("uint8_t*") BytePointer out, int outW, int outH, int filter, Pointer workspace);

  public static native void sf_sam_resized_size(int w, int h, int[] resizedW, int[] resizedH);

  public static native @Cast("int64_t") long sf_sam_preprocess_workspace_bytes(int w, int h);

  public static native int sf_sam_preprocess(int device, Pointer stream,
      @Cast("const uint8_t*") BytePointer rgb, int w, int h, float[] mean3, float[] std3,
      FloatPointer out, Pointer workspace);

  public static native @Cast("int64_t") long sf_vae_preprocess_workspace_bytes(
      int w, int h, int outW, int outH);

  public static native int sf_vae_preprocess(int device, Pointer stream,
      @Cast("const uint8_t*") BytePointer rgb, int w, int h, FloatPointer out, int outW, int outH,
      Pointer workspace);

  public static native int sf_tensor_to_image(int device, Pointer stream, FloatPointer nchw,
      int w, int h, @Cast("uint8_t*") BytePointer rgb);
}
