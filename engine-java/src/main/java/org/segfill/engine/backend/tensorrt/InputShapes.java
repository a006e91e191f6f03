package org.segfill.engine.backend.tensorrt;

import java.util.Arrays;
import java.util.Objects;
import org.segfill.engine.backend.ShapeRange;
import org.segfill.engine.backend.Shapes;

/**
 * One input's sizes in a TensorRT optimisation profile: the smallest, the one the builder tunes
 * for, and the largest (IOptimizationProfile::setDimensions with kMIN, kOPT, kMAX).
 */
public record InputShapes(String input, long[] min, long[] opt, long[] max) {

  public InputShapes {
    Objects.requireNonNull(input, "input");
    if (min.length != opt.length || opt.length != max.length) {
      throw new IllegalArgumentException("'" + input + "': min, opt and max need one rank, found "
          + Shapes.format(min) + ", " + Shapes.format(opt) + ", " + Shapes.format(max));
    }
    for (int axis = 0; axis < min.length; axis++) {
      if (min[axis] < 1 || min[axis] > opt[axis] || opt[axis] > max[axis]) {
        throw new IllegalArgumentException("'" + input + "' axis " + axis + ": need 1 <= min <="
            + " opt <= max, found " + min[axis] + ", " + opt[axis] + ", " + max[axis]);
      }
    }
    min = min.clone();
    opt = opt.clone();
    max = max.clone();
  }

  /** A static input: min = opt = max. */
  public static InputShapes fixed(String input, long... shape) {
    return new InputShapes(input, shape, shape, shape);
  }

  @Override
  public long[] min() {
    return min.clone();
  }

  @Override
  public long[] opt() {
    return opt.clone();
  }

  @Override
  public long[] max() {
    return max.clone();
  }

  public int rank() {
    return min.length;
  }

  /** The accepted range, as the Session interface reports it. */
  public ShapeRange range() {
    return new ShapeRange(input, min, max);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof InputShapes s && input.equals(s.input) && Arrays.equals(min, s.min)
        && Arrays.equals(opt, s.opt) && Arrays.equals(max, s.max);
  }

  @Override
  public int hashCode() {
    return Objects.hash(input, Arrays.hashCode(min), Arrays.hashCode(opt), Arrays.hashCode(max));
  }

  @Override
  public String toString() {
    return input + " " + Shapes.format(min) + ".." + Shapes.format(opt) + ".."
        + Shapes.format(max);
  }
}
