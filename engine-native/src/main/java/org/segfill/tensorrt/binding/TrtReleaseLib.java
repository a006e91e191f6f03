package org.segfill.tensorrt.binding;

import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.annotation.Cast;
import org.bytedeco.javacpp.annotation.Platform;

/**
 * JavaCPP binding of {@code segfill/trt_release.h}: deletes TensorRT objects through their
 * virtual destructors (the presets attach no deallocator to them). Use
 * {@link org.segfill.tensorrt.TrtObject}.
 */
@Platform(include = "segfill/trt_release.h")
public final class TrtReleaseLib {
  static {
    Loader.load();
  }

  private TrtReleaseLib() {}

  /** Deletes an nvinfer1 object derived from {@code INoCopy}. */
  public static native void sf_trt_delete(Pointer object);

  /** Deletes an {@code nvonnxparser::IParser}. */
  public static native void sf_onnx_parser_delete(Pointer parser);

  /** The address of the test probe that marks a fake object's second word 0xD0. */
  public static native @Cast("jlong") long sf_trt_probe_deleting_address();

  /** The address of the test probe that marks a fake object's second word 0xBAD. */
  public static native @Cast("jlong") long sf_trt_probe_other_address();
}
