package org.segfill.kernels.binding;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.annotation.Cast;
import org.bytedeco.javacpp.annotation.Platform;

/** JavaCPP binding of {@code segfill/core.h}. Callers go through {@code CoreKernels}. */
@Platform(include = "segfill/kernels.h", link = "segfill_kernels")
public final class CoreLib {
  static {
    Loader.load();
  }

  private CoreLib() {}

  /** Loads the kernel library and its JNI glue; returns the JNI library's path. */
  public static String load() {
    return Loader.load(CoreLib.class);
  }

  public static native @Cast("const char*") String sf_version();

  public static native @Cast("const char*") String sf_status_string(int status);

  public static native int sf_cpu_supported();

  public static native int sf_cpu_threads();

  public static native int sf_synchronize(int device, Pointer stream);

  public static native int sf_stream_copy_f32(
      int device, Pointer stream, FloatPointer src, FloatPointer dst, long n);

  public static native int sf_stream_triad_f32(
      int device, Pointer stream, FloatPointer a, FloatPointer b, FloatPointer c, float s, long n);

  public static native int sf_debug_illegal_address(int device, Pointer stream);
}
