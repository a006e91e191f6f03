package org.segfill.engine.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SessionIoTest {

  private final List<TensorSpec> specs = List.of(
      new TensorSpec("a", DType.FLOAT32, new long[] {2}),
      new TensorSpec("b", DType.INT64, new long[] {}));

  @Test
  void listsMissingAndUnknownInputsTogether() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SessionIo.checkInputs(specs, Map.of("a", Tensor.ofFloats(new long[] {2}, 1, 2),
            "c", Tensor.scalar(1f))));
    assertEquals("missing inputs [b]; unknown inputs [c]; the graph takes"
        + " [a:FLOAT32[2], b:INT64[]]", e.getMessage());
  }

  @Test
  void rejectsUnknownOrEmptyWantedOutputs() {
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> SessionIo.checkWanted(specs, Set.of("z")));
    assertEquals("unknown outputs [z]; the graph produces [a, b]", unknown.getMessage());
    assertThrows(IllegalArgumentException.class, () -> SessionIo.checkWanted(specs, Set.of()));
  }
}
