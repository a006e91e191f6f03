package org.segfill.engine.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TensorSpecTest {

  private final TensorSpec points = new TensorSpec("point_coords", DType.FLOAT32,
      new long[] {1, TensorSpec.DYNAMIC, 2});

  @Test
  void dynamicAxisAcceptsAnySize() {
    assertTrue(points.mismatch(DType.FLOAT32, new long[] {1, 5, 2}).isEmpty());
    assertTrue(points.mismatch(DType.FLOAT32, new long[] {1, 0, 2}).isEmpty());
  }

  @Test
  void explainsDtypeRankAndDimMismatches() {
    assertEquals("'point_coords': dtype FLOAT32 expected, found INT64",
        points.mismatch(DType.INT64, new long[] {1, 5, 2}).orElseThrow());
    assertEquals("'point_coords': rank 3 [1, ?, 2] expected, found rank 2 [5, 2]",
        points.mismatch(DType.FLOAT32, new long[] {5, 2}).orElseThrow());
    assertEquals("'point_coords': dim 2 must be 2, found 3 (expected shape [1, ?, 2],"
        + " found [1, 5, 3])",
        points.mismatch(DType.FLOAT32, new long[] {1, 5, 3}).orElseThrow());
  }

  @Test
  void shapeIsCopiedInAndOut() {
    long[] shape = {1, 2};
    TensorSpec spec = new TensorSpec("x", DType.FLOAT16, shape);
    shape[0] = 7;
    spec.shape()[1] = 9;
    assertEquals(new TensorSpec("x", DType.FLOAT16, new long[] {1, 2}), spec);
  }

  @Test
  void rejectsDimsBelowMinusOne() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new TensorSpec("x", DType.FLOAT32, new long[] {1, -2}));
    assertEquals("shape of 'x': dim 1 is -2; allowed are -1 (dynamic) or a size >= 0",
        e.getMessage());
  }
}
