package org.segfill.engine.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ShapeRangeTest {

  private final ShapeRange unetSample =
      new ShapeRange("sample", new long[] {1, 9, 64, 64}, new long[] {8, 9, 256, 256});

  @Test
  void sizesInsideTheProfileFitAtBothEnds() {
    assertEquals(Optional.empty(), unetSample.violation(new long[] {1, 9, 64, 256}));
    assertEquals(Optional.empty(), unetSample.violation(new long[] {8, 9, 256, 64}));
  }

  @Test
  void aSizeOutsideNamesTheDimensionAndTheRange() {
    assertEquals(Optional.of("input 'sample': dimension 2 must be between 64 and 256, got 257"),
        unetSample.violation(new long[] {2, 9, 257, 128}));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
        SessionIo.checkRanges(List.of(unetSample), Map.of("sample",
            Tensor.zeros(DType.FLOAT32, new long[] {9, 9, 128, 128}))));
    assertEquals("input 'sample': dimension 0 must be between 1 and 8, got 9", e.getMessage());
  }

  @Test
  void inconsistentRangesAreRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> new ShapeRange("x", new long[] {2}, new long[] {1}));
    assertThrows(IllegalArgumentException.class,
        () -> new ShapeRange("x", new long[] {1, 2}, new long[] {3}));
  }
}
