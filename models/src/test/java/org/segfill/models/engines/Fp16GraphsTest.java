package org.segfill.models.engines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segfill.engine.backend.DType;
import org.segfill.engine.backend.Session;
import org.segfill.engine.backend.Tensor;
import org.segfill.engine.backend.ort.OrtBackend;

/** The fp16 test graphs are real fp16 ONNX: ONNX Runtime runs them and reads their weights. */
class Fp16GraphsTest {

  @TempDir Path dir;

  @Test
  void fp16WeightsBehindFp32InputsAddAsWritten() throws IOException {
    Path file = Fp16Graphs.fp16WeightsFp32Io().write(dir.resolve("weights.onnx"));
    try (Session s = new OrtBackend(1).open(file)) {
      Map<String, Tensor> out = s.run(Map.of("x", Tensor.ofFloats(new long[] {1, 4},
          0f, 1f, 2f, 3f)), Set.of("y"));
      assertArrayEquals(new float[] {1f, 1.5f, 1.75f, 4f}, out.get("y").toFloatArray());
    }
  }

  @Test
  void theAllFp16GraphTakesAndReturnsFp16() throws IOException {
    Path file = Fp16Graphs.allFp16().write(dir.resolve("fp16.onnx"));
    try (Session s = new OrtBackend(1).open(file)) {
      assertEquals(DType.FLOAT16, s.inputs().get(0).dtype());
      ByteBuffer zeros = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
      Tensor y = s.run(Map.of("x", Tensor.ofBytes(DType.FLOAT16, new long[] {1, 4}, zeros)),
          Set.of("y")).get("y");
      assertEquals(DType.FLOAT16, y.dtype());
      short[] bits = new short[4];
      y.data().asShortBuffer().get(bits);
      assertArrayEquals(new short[] {Fp16Graphs.ONE, Fp16Graphs.HALF, Fp16Graphs.MINUS_QUARTER,
          Fp16Graphs.ONE}, bits);
    }
  }
}
