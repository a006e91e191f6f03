package org.segfill.models.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segfill.engine.backend.Session;
import org.segfill.engine.backend.Tensor;
import org.segfill.engine.backend.ort.OrtBackend;

/** Bad inputs are refused with a message naming the tensor, the expected and the found value. */
class OrtSessionValidationTest {

  @TempDir
  static Path dir;
  static Session session;

  @BeforeAll
  static void open() throws Exception {
    session = new OrtBackend(1).open(TestGraphs.affine(dir));
  }

  @AfterAll
  static void close() {
    session.close();
  }

  private static String failure(Map<String, Tensor> inputs) {
    return assertThrows(IllegalArgumentException.class,
        () -> session.run(inputs, Set.of("y"))).getMessage();
  }

  @Test
  void wrongDtype() {
    assertEquals("input 'x': dtype FLOAT32 expected, found INT64",
        failure(Map.of("x", Tensor.ofLongs(new long[] {1, 3}, 1, 2, 3))));
  }

  @Test
  void wrongRank() {
    assertEquals("input 'x': rank 2 [?, 3] expected, found rank 1 [3]",
        failure(Map.of("x", Tensor.ofFloats(new long[] {3}, 1, 2, 3))));
  }

  @Test
  void wrongStaticDim() {
    assertEquals("input 'x': dim 1 must be 3, found 4 (expected shape [?, 3], found [2, 4])",
        failure(Map.of("x", Tensor.zeros(org.segfill.engine.backend.DType.FLOAT32,
            new long[] {2, 4}))));
  }

  @Test
  void missingInput() {
    assertEquals("missing inputs [x]; the graph takes [x:FLOAT32[?, 3]]", failure(Map.of()));
  }

  @Test
  void unknownInput() {
    assertEquals("unknown inputs [z]; the graph takes [x:FLOAT32[?, 3]]",
        failure(Map.of("x", Tensor.ofFloats(new long[] {1, 3}, 1, 2, 3),
            "z", Tensor.scalar(1f))));
  }

  @Test
  void unknownWantedOutput() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> session.run(Map.of("x", Tensor.ofFloats(new long[] {1, 3}, 1, 2, 3)),
            Set.of("logits")));
    assertEquals("unknown outputs [logits]; the graph produces [y]", e.getMessage());
  }
}
