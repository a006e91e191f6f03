package org.segfill.engine.backend;

import java.util.Arrays;

/** Small helpers for shapes given as {@code long[]}: element counts and printing. */
public final class Shapes {

  private Shapes() {
  }

  /**
   * Number of elements of a concrete shape (1 for rank 0).
   *
   * @throws IllegalArgumentException if a dim is negative or the count overflows a long
   */
  public static long elementCount(long[] shape) {
    long count = 1;
    for (int axis = 0; axis < shape.length; axis++) {
      long dim = shape[axis];
      if (dim < 0) {
        throw new IllegalArgumentException(
            "shape " + Arrays.toString(shape) + ": dim " + axis + " is " + dim
                + "; a concrete shape needs every dim >= 0");
      }
      count = Math.multiplyExact(count, dim);
    }
    return count;
  }

  /** Prints a shape as {@code [1, 3, 64]}, or {@code []} for a scalar; -1 prints as {@code ?}. */
  public static String format(long[] shape) {
    StringBuilder text = new StringBuilder("[");
    for (int axis = 0; axis < shape.length; axis++) {
      if (axis > 0) {
        text.append(", ");
      }
      text.append(shape[axis] == TensorSpec.DYNAMIC ? "?" : Long.toString(shape[axis]));
    }
    return text.append(']').toString();
  }
}
