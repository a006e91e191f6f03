package org.segfill.server.engine;

/**
 * Which backend runs the graphs, and why: {@code auto} picks the best one available and says
 * which. Today that is always ONNX Runtime on the CPU; TensorRT and ONNX Runtime CUDA come with
 * the GPU path (issue #6).
 *
 * @param requested what the configuration asked for
 * @param selected the backend in use
 * @param reason one sentence saying why
 */
public record BackendChoice(String requested, String selected, String reason) {

  /** The backend for {@code requested} ({@code auto} or {@code ort-cpu}). */
  public static BackendChoice choose(String requested) {
    if (requested.equals("ort-cpu")) {
      return new BackendChoice(requested, "ort-cpu", "requested");
    }
    return new BackendChoice(requested, "ort-cpu", "auto: ort-cpu is the best backend this"
        + " build can run; tensorrt and ort-cuda come with the GPU path (issue #6)");
  }
}
