package org.segfill.engine.segment;

import java.util.List;
import java.util.Objects;

/**
 * What the user asked to segment: up to {@value #MAX_POINTS} clicks and an optional box (null
 * when absent); at least one of the two is required.
 */
public record Prompt(List<Point> points, Box box) {

  /** The most clicks one prompt may carry (the SAM decoder's budget, shared by every engine). */
  public static final int MAX_POINTS = 64;

  public Prompt {
    Objects.requireNonNull(points, "points must not be null (use an empty list)");
    if (points.size() > MAX_POINTS) {
      throw new IllegalArgumentException(
          "points must hold at most " + MAX_POINTS + " points, got " + points.size());
    }
    for (int i = 0; i < points.size(); i++) {
      Point p = points.get(i);
      if (p == null) {
        throw new IllegalArgumentException("points[" + i + "] must not be null");
      }
      Box.requireFinite("points[" + i + "].x", p.x());
      Box.requireFinite("points[" + i + "].y", p.y());
    }
    if (points.isEmpty() && box == null) {
      throw new IllegalArgumentException("points and box: a prompt needs at least one point or a box");
    }
    points = List.copyOf(points);
  }

  /** A prompt of clicks only. */
  public static Prompt of(Point... points) {
    return new Prompt(List.of(points), null);
  }

  /** Throws, naming the field, unless every point lies in [0, width) x [0, height) and the box inside the image. */
  public void requireInside(int width, int height) {
    for (int i = 0; i < points.size(); i++) {
      Point p = points.get(i);
      if (p.x() < 0 || p.x() >= width) {
        throw new IllegalArgumentException(
            "points[" + i + "].x must be in [0, " + width + "), got " + p.x());
      }
      if (p.y() < 0 || p.y() >= height) {
        throw new IllegalArgumentException(
            "points[" + i + "].y must be in [0, " + height + "), got " + p.y());
      }
    }
    if (box != null) {
      box.requireInside(width, height);
    }
  }

  /** Whether any click is positive. */
  public boolean hasPositive() {
    return points.stream().anyMatch(Point::positive);
  }
}
