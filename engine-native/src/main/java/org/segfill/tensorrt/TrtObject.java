package org.segfill.tensorrt;

import java.util.Objects;
import java.util.function.Consumer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.tensorrt.nvinfer.INoCopy;
import org.bytedeco.tensorrt.nvonnxparser.IParser;
import org.segfill.tensorrt.binding.TrtReleaseLib;

/**
 * The one owner of an object a TensorRT factory returned: {@link #close} deletes it through its
 * virtual destructor. {@code Pointer.deallocate()} would not: the presets set no deallocator on
 * such pointers (see {@code segfill/trt_release.h}). Close owners in the reverse order of
 * creation (a {@link TrtScope} does), so that each object outlives what was made from it.
 *
 * @param <T> the presets' class of the object
 */
public final class TrtObject<T extends Pointer> implements AutoCloseable {

  private final String what;
  private final Consumer<Pointer> delete;
  private T object;

  TrtObject(T object, String what, Consumer<Pointer> delete) {
    Objects.requireNonNull(object, what);
    if (object.isNull()) {
      throw new IllegalArgumentException(what + ": a null TensorRT object has no owner");
    }
    this.object = object;
    this.what = what;
    this.delete = delete;
  }

  /**
   * Takes ownership of an nvinfer1 object (IRuntime, ICudaEngine, IExecutionContext, IBuilder,
   * IBuilderConfig, INetworkDefinition, IHostMemory, ITimingCache).
   *
   * @param what names the object in messages, e.g. "ICudaEngine of unet.plan"
   */
  public static <T extends INoCopy> TrtObject<T> own(T object, String what) {
    return new TrtObject<>(object, what, TrtReleaseLib::sf_trt_delete);
  }

  /** Takes ownership of an ONNX parser. */
  public static TrtObject<IParser> ownParser(IParser parser, String what) {
    return new TrtObject<>(parser, what, TrtReleaseLib::sf_onnx_parser_delete);
  }

  /** The object; valid until {@link #close}. */
  public T get() {
    if (object == null) {
      throw new IllegalStateException(what + " used after close()");
    }
    return object;
  }

  /** Whether {@link #close} has run. */
  public boolean closed() {
    return object == null;
  }

  /** Deletes the object once; later calls do nothing. */
  @Override
  public void close() {
    T owned = object;
    if (owned != null) {
      object = null;
      delete.accept(owned);
      // Any Java wrapper left over now reads as null instead of a dangling address.
      owned.setNull();
    }
  }

  @Override
  public String toString() {
    return what + (object == null ? " (closed)" : "");
  }
}
