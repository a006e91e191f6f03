package org.segfill.engine.backend;

import java.util.Arrays;
import java.util.List;

/** The inference backends segfill can run graphs on, best first, as named by {@code --backend}. */
public enum BackendKind {
  /** TensorRT FP16 plans built by {@code segfill build-engines}, on a CUDA GPU. */
  TENSORRT("tensorrt"),
  /** ONNX Runtime with the CUDA execution provider (the {@code -Pcuda} build). */
  ORT_CUDA("ort-cuda"),
  /** ONNX Runtime on the CPU; always available. */
  ORT_CPU("ort-cpu");

  private final String id;

  BackendKind(String id) {
    this.id = id;
  }

  /** The name used by {@code --backend} and in reports. */
  public String id() {
    return id;
  }

  /** Every name {@code --backend} accepts: {@code auto} and each backend, best first. */
  public static List<String> choices() {
    return java.util.stream.Stream.concat(java.util.stream.Stream.of("auto"),
        Arrays.stream(values()).map(BackendKind::id)).toList();
  }

  /**
   * The backend named {@code id}.
   *
   * @throws IllegalArgumentException naming the allowed values
   */
  public static BackendKind of(String id) {
    for (BackendKind kind : values()) {
      if (kind.id.equals(id)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("backend must be one of " + choices() + ", got '" + id
        + "'");
  }
}
