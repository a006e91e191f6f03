package org.segfill.engine.backend;

import java.util.Objects;
import java.util.Optional;

/**
 * The sizes a backend accepts for one input, per axis, inclusive: a TensorRT optimisation
 * profile's min and max. ONNX Runtime declares none (any size the graph allows).
 *
 * @param name the input's name
 * @param min smallest size of each axis
 * @param max largest size of each axis
 */
public record ShapeRange(String name, long[] min, long[] max) {

  public ShapeRange {
    Objects.requireNonNull(name, "name");
    if (min.length != max.length) {
      throw new IllegalArgumentException("min and max: same rank expected, found " + min.length
          + " and " + max.length);
    }
    for (int axis = 0; axis < min.length; axis++) {
      if (min[axis] < 0 || min[axis] > max[axis]) {
        throw new IllegalArgumentException("'" + name + "' axis " + axis + ": need 0 <= min <="
            + " max, found " + min[axis] + " and " + max[axis]);
      }
    }
    min = min.clone();
    max = max.clone();
  }

  @Override
  public long[] min() {
    return min.clone();
  }

  @Override
  public long[] max() {
    return max.clone();
  }

  /** Why a tensor of {@code shape} is outside this range, or empty if it fits. */
  public Optional<String> violation(long[] shape) {
    if (shape.length != min.length) {
      return Optional.of("input '" + name + "': rank " + min.length + " expected, found "
          + shape.length);
    }
    for (int axis = 0; axis < shape.length; axis++) {
      if (shape[axis] < min[axis] || shape[axis] > max[axis]) {
        return Optional.of("input '" + name + "': dimension " + axis + " must be between "
            + min[axis] + " and " + max[axis] + ", got " + shape[axis]);
      }
    }
    return Optional.empty();
  }
}
