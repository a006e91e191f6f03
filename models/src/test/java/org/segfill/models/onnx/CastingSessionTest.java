package org.segfill.models.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segfill.engine.backend.CastingSession;
import org.segfill.engine.backend.DType;
import org.segfill.engine.backend.Session;
import org.segfill.engine.backend.Tensor;
import org.segfill.engine.backend.TensorSpec;
import org.segfill.engine.backend.ort.OrtBackend;

/** fp16 and int32 graphs seen through {@link CastingSession} as float32 and int64 ones. */
class CastingSessionTest {

  @TempDir Path dir;

  @Test
  void halfGraphsTakeAndReturnFloat32RoundedToHalf() throws IOException {
    Path file = OnnxGraphBuilder.graph("half")
        .input("x", DType.FLOAT16, Dim.named("n"))
        .input("ids", DType.INT32, Dim.named("m"))
        .floatInitializer("two", new long[0], 2f)
        .node("Cast", List.of("x"), List.of("xf"),
            OnnxAttribute.ofInt("to", OnnxDataTypes.code(DType.FLOAT32)))
        .node("Mul", List.of("xf", "two"), List.of("yf"))
        .node("Cast", List.of("yf"), List.of("y"),
            OnnxAttribute.ofInt("to", OnnxDataTypes.code(DType.FLOAT16)))
        .node("Identity", List.of("ids"), List.of("ids_out"))
        .output("y", DType.FLOAT16, Dim.named("n"))
        .output("ids_out", DType.INT32, Dim.named("m"))
        .write(dir.resolve("half.onnx"));
    try (Session session = CastingSession.wrap(new OrtBackend(1).open(file))) {
      assertEquals(List.of(new TensorSpec("x", DType.FLOAT32, new long[] {-1}),
          new TensorSpec("ids", DType.INT64, new long[] {-1})), session.inputs());
      Map<String, Tensor> out = session.runAll(Map.of(
          "x", Tensor.ofFloats(new long[] {5}, 1.5f, 0.1f, 40000f, 1e-8f, -3f),
          "ids", Tensor.ofLongs(new long[] {3}, 49406, 0, 49407)));
      // 0.1 is 0.0999755859375 in half; 2 * 40000 overflows half to +inf; 1e-8 flushes to 0.
      assertArrayEquals(new float[] {3f, 0.199951171875f, Float.POSITIVE_INFINITY, 0f, -6f},
          out.get("y").toFloatArray());
      assertEquals(DType.FLOAT32, out.get("y").dtype());
      assertArrayEquals(new long[] {49406, 0, 49407}, out.get("ids_out").toLongArray());
    }
  }

  @Test
  void float32GraphsAreNotWrapped() throws IOException {
    Session plain = new OrtBackend(1).open(TestGraphs.affine(dir));
    try (Session same = CastingSession.wrap(plain)) {
      assertSame(plain, same);
      assertEquals(Set.of("y"), Set.copyOf(same.outputs().stream().map(TensorSpec::name)
          .toList()));
    }
  }
}
