package org.segfill.engine.mask;

import java.util.List;
import org.segfill.kernels.Args;
import org.segfill.kernels.MaskKernels;

/**
 * One mask editing operation. Each record checks its own parameters on construction; the one
 * check that needs the mask's size (RemoveSpecks' upper bound) is done by {@link MaskEditor}.
 */
public sealed interface MaskEdit
    permits MaskEdit.Invert, MaskEdit.Grow, MaskEdit.Shrink, MaskEdit.Feather, MaskEdit.Stroke,
        MaskEdit.FillHoles, MaskEdit.RemoveSpecks {

  /** Largest grow/shrink distance in pixels. */
  int MAX_MORPH_PX = MaskKernels.MAX_MORPH_RADIUS;

  /** Largest feather radius in pixels. */
  int MAX_FEATHER_PX = MaskKernels.MAX_FEATHER_RADIUS;

  /** Largest brush radius in pixels (smaller than the kernel's limit: no UI brush is larger). */
  float MAX_BRUSH_RADIUS = 4096f;

  /** 255 - value for every pixel (soft values stay soft). */
  record Invert() implements MaskEdit {}

  /** Dilates by a disk of radius {@code px} (binarises at 128 first). */
  record Grow(int px) implements MaskEdit {
    /** Checks px in [0, 4096]. */
    public Grow {
      Args.inRange("Grow.px", px, 0, MAX_MORPH_PX);
    }
  }

  /** Erodes by a disk of radius {@code px} (binarises at 128 first; the image border does not erode). */
  record Shrink(int px) implements MaskEdit {
    /** Checks px in [0, 4096]. */
    public Shrink {
      Args.inRange("Shrink.px", px, 0, MAX_MORPH_PX);
    }
  }

  /** Gaussian feather (sigma = px / 3); the result stays soft 0..255. */
  record Feather(int px) implements MaskEdit {
    /** Checks px in [0, 255]. */
    public Feather {
      Args.inRange("Feather.px", px, 0, MAX_FEATHER_PX);
    }
  }

  /** Whether a brush stroke selects or deselects. */
  enum StrokeMode {
    /** Paint 255. */
    ADD,
    /** Paint 0. */
    ERASE
  }

  /** A point in mask pixel coordinates; pixel (x, y) has its centre at (x + 0.5, y + 0.5). */
  record Point(float x, float y) {
    /** Checks both coordinates are finite. */
    public Point {
      Args.finite("Point.x", x);
      Args.finite("Point.y", y);
    }
  }

  /**
   * A brush stroke: every pixel whose centre is within {@code radius} of the polyline through
   * {@code points} becomes 255 (ADD) or 0 (ERASE). One point paints a disk.
   */
  record Stroke(StrokeMode mode, float radius, List<Point> points) implements MaskEdit {
    /** Checks mode, radius in (0, 4096] and at least one non-null point; copies the points. */
    public Stroke {
      Args.notNull("Stroke.mode", mode);
      if (!(radius > 0f && radius <= MAX_BRUSH_RADIUS)) {
        throw new IllegalArgumentException(
            "Stroke.radius must be in (0, " + (int) MAX_BRUSH_RADIUS + "], got " + radius);
      }
      Args.notNull("Stroke.points", points);
      if (points.isEmpty()) {
        throw new IllegalArgumentException("Stroke.points must hold at least 1 point, got 0");
      }
      for (int i = 0; i < points.size(); i++) {
        if (points.get(i) == null) {
          throw new IllegalArgumentException("Stroke.points[" + i + "] must not be null");
        }
      }
      points = List.copyOf(points);
    }
  }

  /**
   * Selects every background region not connected to the image border. Binarises at 128;
   * background connectivity is 4 (a diagonal-only gap in the outline does not let a hole leak).
   */
  record FillHoles() implements MaskEdit {}

  /**
   * Deselects every selected component smaller than {@code minArea} pixels. Binarises at 128;
   * foreground connectivity is 8 (diagonal neighbours belong to one component).
   */
  record RemoveSpecks(int minArea) implements MaskEdit {
    /** Checks minArea >= 1; the upper bound width * height is checked against the mask. */
    public RemoveSpecks {
      if (minArea < 1) {
        throw new IllegalArgumentException(
            "RemoveSpecks.minArea must be in [1, width * height], got " + minArea);
      }
    }
  }
}
