package org.segfill.bench;

import java.util.List;
import org.segfill.engine.backend.SessionFactory;
import org.segfill.engine.backend.ort.OrtBackend;

/**
 * The inference backends the model-stage suites can run on, by the ids {@code segfill serve
 * --backend} uses. Every suite takes the id as a JMH parameter, so a new backend (TensorRT,
 * ONNX Runtime CUDA) joins every suite and every report table by being added here.
 */
public final class BenchBackends {

  /** Backend ids present in this build, in report order. */
  public static final List<String> AVAILABLE = List.of("ort-cpu");

  private BenchBackends() {}

  /**
   * A new backend for {@code id}.
   *
   * @throws IllegalArgumentException naming the allowed ids when {@code id} is not one of them
   */
  public static SessionFactory open(String id) {
    if ("ort-cpu".equals(id)) {
      return new OrtBackend();
    }
    throw new IllegalArgumentException("backend: '" + id + "' is not available in this build;"
        + " allowed: " + String.join(", ", AVAILABLE));
  }
}
