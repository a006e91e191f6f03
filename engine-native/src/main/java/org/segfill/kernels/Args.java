package org.segfill.kernels;

import org.bytedeco.javacpp.Pointer;

/**
 * Argument checks shared by the kernel APIs. Every failure is an {@link IllegalArgumentException}
 * whose message names the argument, the allowed range and the value given, so a bad call never
 * reaches native code.
 */
public final class Args {
  private Args() {}

  /** Requires {@code value > 0}. */
  public static int positive(String name, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be > 0, got " + value);
    }
    return value;
  }

  /** Requires {@code value > 0}. */
  public static long positive(String name, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be > 0, got " + value);
    }
    return value;
  }

  /** Requires {@code min <= value <= max}. */
  public static int inRange(String name, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          name + " must be in [" + min + ", " + max + "], got " + value);
    }
    return value;
  }

  /** Requires a finite {@code min <= value <= max} (NaN is refused). */
  public static float inRange(String name, float value, float min, float max) {
    if (!(value >= min && value <= max)) {
      throw new IllegalArgumentException(
          name + " must be in [" + min + ", " + max + "], got " + value);
    }
    return value;
  }

  /** Requires a finite value. */
  public static float finite(String name, float value) {
    if (!Float.isFinite(value)) {
      throw new IllegalArgumentException(name + " must be finite, got " + value);
    }
    return value;
  }

  /** Requires a non-null object. */
  public static <T> T notNull(String name, T value) {
    if (value == null) {
      throw new IllegalArgumentException(name + " must not be null");
    }
    return value;
  }

  /**
   * Requires a non-null buffer with at least {@code needed} elements between its position and its
   * capacity. JavaCPP pointers allocated with a size know their capacity; a pointer wrapping
   * foreign memory must have {@code capacity(n)} set.
   */
  public static <P extends Pointer> P elements(String name, P buffer, long needed) {
    notNull(name, buffer);
    if (buffer.isNull()) {
      throw new IllegalArgumentException(name + " is a null native pointer");
    }
    long available = buffer.capacity() - buffer.position();
    if (buffer.capacity() <= 0) {
      throw new IllegalArgumentException(
          name + " has no known capacity; allocate it with a size or set capacity()");
    }
    if (available < needed) {
      throw new IllegalArgumentException(
          name + " holds " + available + " elements, needs " + needed);
    }
    return buffer;
  }

  /** The product of the dimensions, refusing overflow and non-positive dimensions. */
  public static long product(String name, long... dims) {
    long result = 1;
    for (long d : dims) {
      if (d <= 0) {
        throw new IllegalArgumentException(name + " has a dimension <= 0: " + d);
      }
      try {
        result = Math.multiplyExact(result, d);
      } catch (ArithmeticException e) {
        throw new IllegalArgumentException(name + " overflows a 64-bit size", e);
      }
    }
    return result;
  }
}
