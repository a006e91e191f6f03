package org.segfill.models.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segfill.engine.backend.BackendException;
import org.segfill.engine.backend.Session;
import org.segfill.engine.backend.Tensor;
import org.segfill.engine.backend.ort.OrtBackend;

/** Sessions open, run and close repeatedly, and refuse any use once closed. */
class OrtSessionLifecycleTest {

  @TempDir
  Path dir;

  @Test
  void opensRunsAndClosesFiftyTimes() throws Exception {
    Path model = TestGraphs.castAndScalar(dir);
    OrtBackend backend = new OrtBackend(1);
    for (int i = 0; i < 50; i++) {
      try (Session session = backend.open(model)) {
        Tensor out = session.run(Map.of("ids", Tensor.ofLongs(new long[] {1}, i),
            "t", Tensor.scalar(2f)), Set.of("scaled")).get("scaled");
        assertArrayEquals(new float[] {2f * i}, out.toFloatArray(), 0f);
      }
    }
  }

  @Test
  void closedSessionThrowsIllegalState() throws Exception {
    Session session = new OrtBackend(1).open(TestGraphs.affine(dir));
    session.close();
    session.close(); // idempotent
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> session.run(
        Map.of("x", Tensor.ofFloats(new long[] {1, 3}, 1, 2, 3)), Set.of("y")));
    assertTrue(e.getMessage().endsWith("affine.onnx is closed"), e.getMessage());
    assertThrows(IllegalStateException.class, session::inputs);
    assertThrows(IllegalStateException.class, session::outputs);
  }

  @Test
  void missingFileIsAnArgumentErrorAndCorruptFileABackendError() throws Exception {
    OrtBackend backend = new OrtBackend(1);
    Path missing = dir.resolve("nope.onnx");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> backend.open(missing));
    assertEquals("modelFile: " + missing + " is not a readable regular file", e.getMessage());
    Path corrupt = Files.write(dir.resolve("corrupt.onnx"), new byte[] {1, 2, 3, 4, 5});
    BackendException failure = assertThrows(BackendException.class,
        () -> backend.open(corrupt));
    assertTrue(failure.getMessage().startsWith("ONNX Runtime could not load " + corrupt),
        failure.getMessage());
  }

  @Test
  void rejectsThreadCountBelowOne() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new OrtBackend(0));
    assertEquals("intraOpThreads: must be >= 1, found 0", e.getMessage());
  }
}
