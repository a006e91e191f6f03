package org.segfill.models.onnx;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.segfill.engine.backend.DType;

/** The small graphs the backend tests run, with the constants needed to check their outputs. */
final class TestGraphs {

  static final float[] W = {0.5f, -1.25f, 2f, 0.75f, -0.5f, 1.5f}; // [3, 2] row-major
  static final float[] B = {0.125f, -3f};

  private TestGraphs() {
  }

  /** y[batch, 2] = MatMul(x[batch, 3], W) + b, with "batch" a named dynamic axis. */
  static Path affine(Path dir) throws IOException {
    return OnnxGraphBuilder.graph("affine")
        .input("x", DType.FLOAT32, Dim.named("batch"), Dim.of(3))
        .floatInitializer("W", new long[] {3, 2}, W)
        .floatInitializer("b", new long[] {2}, B)
        .node("MatMul", List.of("x", "W"), List.of("xw"))
        .node("Add", List.of("xw", "b"), List.of("y"))
        .output("y", DType.FLOAT32, Dim.named("batch"), Dim.of(2))
        .write(dir.resolve("affine.onnx"));
  }

  /**
   * scaled[n] = float(ids[n]) * t and t_out = t + 1, where t is a rank-0 float (SDXL's timestep
   * has this form) and ids is int64.
   */
  static Path castAndScalar(Path dir) throws IOException {
    return OnnxGraphBuilder.graph("cast_scalar")
        .input("ids", DType.INT64, Dim.named("n"))
        .input("t", DType.FLOAT32)
        .floatInitializer("one", new long[0], 1f)
        .node("Cast", List.of("ids"), List.of("ids_f"),
            OnnxAttribute.ofInt("to", OnnxDataTypes.code(DType.FLOAT32)))
        .node("Mul", List.of("ids_f", "t"), List.of("scaled"))
        .node("Add", List.of("t", "one"), List.of("t_out"))
        .output("scaled", DType.FLOAT32, Dim.named("n"))
        .output("t_out", DType.FLOAT32)
        .write(dir.resolve("cast_scalar.onnx"));
  }
}
