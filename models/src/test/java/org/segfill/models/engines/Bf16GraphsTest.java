package org.segfill.models.engines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segfill.engine.backend.Session;
import org.segfill.engine.backend.Tensor;
import org.segfill.engine.backend.ort.OrtBackend;

/** The bf16-weights test graph is real ONNX: ONNX Runtime runs it and reads its bf16 weights. */
class Bf16GraphsTest {

  @TempDir Path dir;

  @Test
  void bf16WeightsBehindFp32IoAddAsWritten() throws IOException {
    Path file = Bf16Graphs.bf16WeightsFp32Io().write(dir.resolve("bf16_weights.onnx"));
    try (Session s = new OrtBackend(1).open(file)) {
      Map<String, Tensor> out = s.run(Map.of("x", Tensor.ofFloats(new long[] {1, 4},
          0f, 1f, 2f, 3f)), Set.of("y"));
      assertArrayEquals(new float[] {1f, 1.5f, 1.75f, 4f}, out.get("y").toFloatArray());
    }
  }
}
