package org.segfill.engine.backend;

import java.nio.file.Path;
import org.segfill.place.KernelPlace;

/** An inference backend: opens graph files as reusable {@link Session}s. */
public interface SessionFactory {

  /** Short backend name for logs and reports, e.g. {@code "onnxruntime-cpu"}. */
  String name();

  /**
   * Loads a graph file (for ONNX Runtime an {@code .onnx} file; for TensorRT a serialized
   * engine built for fixed profiles).
   *
   * @throws IllegalArgumentException if the file is missing or not a regular readable file
   * @throws BackendException if the runtime cannot load it
   */
  Session open(Path modelFile);

  /**
   * A new place for the pre- and post-processing kernels next to this backend's sessions, owned
   * by the caller: the CPU twin unless the sessions run on a GPU our CUDA kernels may share.
   */
  default KernelPlace openKernelPlace() {
    return KernelPlace.cpu();
  }
}
