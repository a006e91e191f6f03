package org.segfill.kernels.binding;

import org.bytedeco.javacpp.BytePointer;
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
}
