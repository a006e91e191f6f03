package org.segfill.models.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segfill.engine.backend.DType;
import org.segfill.engine.backend.Session;
import org.segfill.engine.backend.Tensor;
import org.segfill.engine.backend.TensorSpec;
import org.segfill.engine.backend.ort.OrtBackend;

/** Graphs written by {@link OnnxGraphBuilder} run on ONNX Runtime and give the Java results. */
class OrtGraphRunTest {

  @TempDir
  Path dir;

  @Test
  void matMulPlusBiasWithDynamicBatchMatchesJava() throws Exception {
    try (Session session = new OrtBackend(2).open(TestGraphs.affine(dir))) {
      assertEquals(List.of(new TensorSpec("x", DType.FLOAT32, new long[] {-1, 3})),
          session.inputs());
      assertEquals(List.of(new TensorSpec("y", DType.FLOAT32, new long[] {-1, 2})),
          session.outputs());
      Random random = new Random(42);
      // The same session serves several batch sizes through the dynamic axis.
      for (int batch : new int[] {1, 4, 7}) {
        float[] x = new float[batch * 3];
        for (int i = 0; i < x.length; i++) {
          x[i] = random.nextFloat() * 2 - 1;
        }
        Tensor y = session.run(Map.of("x", Tensor.ofFloats(new long[] {batch, 3}, x)),
            Set.of("y")).get("y");
        assertArrayEquals(new long[] {batch, 2}, y.shape());
        float[] got = y.toFloatArray();
        double maxError = 0;
        for (int row = 0; row < batch; row++) {
          for (int col = 0; col < 2; col++) {
            double expected = TestGraphs.B[col];
            for (int k = 0; k < 3; k++) {
              expected += (double) x[row * 3 + k] * TestGraphs.W[k * 2 + col];
            }
            maxError = Math.max(maxError, Math.abs(expected - got[row * 2 + col]));
          }
        }
        assertTrue(maxError <= 1e-6, "batch " + batch + ": max abs error " + maxError);
      }
    }
  }

  @Test
  void castsInt64ToFloatAndTakesRankZeroScalars() throws Exception {
    try (Session session = new OrtBackend().open(TestGraphs.castAndScalar(dir))) {
      assertEquals(new TensorSpec("t", DType.FLOAT32, new long[0]), session.inputs().get(1));
      assertEquals(new TensorSpec("ids", DType.INT64, new long[] {-1}),
          session.inputs().get(0));
      Map<String, Tensor> out = session.runAll(Map.of(
          "ids", Tensor.ofLongs(new long[] {4}, 3, -2, 7, 1L << 20),
          "t", Tensor.scalar(0.5f)));
      assertEquals(Set.of("scaled", "t_out"), out.keySet());
      assertArrayEquals(new float[] {1.5f, -1f, 3.5f, 524288f},
          out.get("scaled").toFloatArray(), 0f);
      Tensor tOut = out.get("t_out");
      assertEquals(0, tOut.rank());
      assertArrayEquals(new float[] {1.5f}, tOut.toFloatArray(), 0f);
    }
  }

  @Test
  void returnsOnlyTheWantedOutputs() throws Exception {
    try (Session session = new OrtBackend(1).open(TestGraphs.castAndScalar(dir))) {
      Map<String, Tensor> out = session.run(Map.of(
          "ids", Tensor.ofLongs(new long[] {1}, 5), "t", Tensor.scalar(999f)),
          Set.of("t_out"));
      assertEquals(Set.of("t_out"), out.keySet());
      assertArrayEquals(new float[] {1000f}, out.get("t_out").toFloatArray(), 0f);
    }
  }
}
