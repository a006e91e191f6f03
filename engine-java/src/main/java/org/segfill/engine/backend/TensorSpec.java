package org.segfill.engine.backend;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * A graph input or output as the graph declares it: name, element type and shape, where
 * {@link #DYNAMIC} (-1) marks an axis whose size is only known when the graph runs.
 */
public record TensorSpec(String name, DType dtype, long[] shape) {

  /** The dim value of an axis whose size is chosen at run time. */
  public static final long DYNAMIC = -1;

  public TensorSpec {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("name: must be a non-empty string");
    }
    Objects.requireNonNull(dtype, "dtype");
    Objects.requireNonNull(shape, "shape");
    for (int axis = 0; axis < shape.length; axis++) {
      if (shape[axis] < DYNAMIC) {
        throw new IllegalArgumentException("shape of '" + name + "': dim " + axis + " is "
            + shape[axis] + "; allowed are -1 (dynamic) or a size >= 0");
      }
    }
    // Records expose their components; copy so no caller can change a spec after the fact.
    shape = shape.clone();
  }

  /** Copy of the declared shape. */
  @Override
  public long[] shape() {
    return shape.clone();
  }

  /** Number of axes; 0 for a scalar. */
  public int rank() {
    return shape.length;
  }

  /** True if the size of {@code axis} is chosen at run time. */
  public boolean isDynamic(int axis) {
    return shape[axis] == DYNAMIC;
  }

  /**
   * Explains why a tensor of {@code actualType} and {@code actualShape} cannot be fed as (or
   * returned for) this spec, or returns empty if it fits.
   */
  public Optional<String> mismatch(DType actualType, long[] actualShape) {
    if (actualType != dtype) {
      return Optional.of("'" + name + "': dtype " + dtype + " expected, found " + actualType);
    }
    if (actualShape.length != shape.length) {
      return Optional.of("'" + name + "': rank " + shape.length + " " + Shapes.format(shape)
          + " expected, found rank " + actualShape.length + " "
          + Shapes.format(actualShape));
    }
    for (int axis = 0; axis < shape.length; axis++) {
      if (shape[axis] != DYNAMIC && shape[axis] != actualShape[axis]) {
        return Optional.of("'" + name + "': dim " + axis + " must be " + shape[axis]
            + ", found " + actualShape[axis] + " (expected shape "
            + Shapes.format(shape) + ", found " + Shapes.format(actualShape) + ")");
      }
    }
    return Optional.empty();
  }

  /** Throws {@link IllegalArgumentException} with {@link #mismatch} if the tensor does not fit. */
  public void requireMatches(Tensor tensor) {
    mismatch(tensor.dtype(), tensor.shape()).ifPresent(reason -> {
      throw new IllegalArgumentException("input " + reason);
    });
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TensorSpec that
        && name.equals(that.name) && dtype == that.dtype && Arrays.equals(shape, that.shape);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, dtype, Arrays.hashCode(shape));
  }

  @Override
  public String toString() {
    return name + ":" + dtype + Shapes.format(shape);
  }
}
