package org.segfill.engine.backend;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One loaded graph, created once and reused for many runs: named tensors in, named tensors out.
 * A session owns its native resources and frees them in {@link #close()}; any use after close
 * throws {@link IllegalStateException}.
 */
public interface Session extends AutoCloseable {

  /** The graph's inputs in declaration order. */
  List<TensorSpec> inputs();

  /** The graph's outputs in declaration order. */
  List<TensorSpec> outputs();

  /**
   * The sizes this backend accepts per input, where it has fixed ranges (a TensorRT engine's
   * optimisation profile); empty when any size the graph declares is fine (ONNX Runtime).
   * {@link #run} refuses tensors outside them before any native call.
   */
  default List<ShapeRange> inputRanges() {
    return List.of();
  }

  /**
   * Runs the graph and returns the {@code wanted} outputs by name.
   *
   * @param inputs every graph input, by name; dtypes and shapes are checked against
   *     {@link #inputs()} and {@link #inputRanges()} before any native call
   * @param wanted non-empty subset of the output names
   * @throws IllegalArgumentException listing missing or unknown inputs, unknown outputs, or the
   *     first tensor whose dtype or shape does not fit its spec
   * @throws BackendException if the runtime fails
   */
  Map<String, Tensor> run(Map<String, Tensor> inputs, Set<String> wanted);

  /** Runs the graph and returns every output. */
  default Map<String, Tensor> runAll(Map<String, Tensor> inputs) {
    Set<String> all = new LinkedHashSet<>();
    for (TensorSpec output : outputs()) {
      all.add(output.name());
    }
    return run(inputs, all);
  }

  /** Frees the native resources; idempotent. */
  @Override
  void close();
}
