package org.segfill.models.onnx;

/**
 * One axis of a graph input or output: a fixed size, or a named dynamic axis (ONNX
 * {@code dim_param}, e.g. {@code "batch_size"}) whose size is chosen when the graph runs.
 */
public record Dim(long size, String name) {

  public Dim {
    if (name == null && size < 0) {
      throw new IllegalArgumentException("size: must be >= 0, found " + size);
    }
    if (name != null && (name.isEmpty() || size != -1)) {
      throw new IllegalArgumentException("name: a dynamic axis needs a non-empty name and"
          + " size -1, found name '" + name + "' and size " + size);
    }
  }

  /** A fixed-size axis. */
  public static Dim of(long size) {
    return new Dim(size, null);
  }

  /** A dynamic axis called {@code name}. */
  public static Dim named(String name) {
    return new Dim(-1, name);
  }

  public boolean isDynamic() {
    return name != null;
  }
}
