package org.segfill.engine.segment;

/**
 * An axis-aligned box around the object in original-image pixel coordinates; (x0, y0) is the
 * top-left corner and (x1, y1) the bottom-right edge, so x1 may equal the image width.
 */
public record Box(double x0, double y0, double x1, double y1) {

  public Box {
    requireFinite("box.x0", x0);
    requireFinite("box.y0", y0);
    requireFinite("box.x1", x1);
    requireFinite("box.y1", y1);
    if (!(x0 < x1)) {
      throw new IllegalArgumentException("box.x0 must be < box.x1, got x0=" + x0 + ", x1=" + x1);
    }
    if (!(y0 < y1)) {
      throw new IllegalArgumentException("box.y0 must be < box.y1, got y0=" + y0 + ", y1=" + y1);
    }
  }

  /** Throws unless every edge lies in [0, width] x [0, height] (edges, so the far side may equal the size). */
  public void requireInside(int width, int height) {
    requireIn("box.x0", x0, width);
    requireIn("box.y0", y0, height);
    requireIn("box.x1", x1, width);
    requireIn("box.y1", y1, height);
  }

  private static void requireIn(String field, double v, int limit) {
    if (v < 0 || v > limit) {
      throw new IllegalArgumentException(field + " must be in [0, " + limit + "], got " + v);
    }
  }

  static void requireFinite(String field, double v) {
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException(field + " must be finite, got " + v);
    }
  }
}
