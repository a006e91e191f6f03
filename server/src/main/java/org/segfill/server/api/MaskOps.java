package org.segfill.server.api;

import java.util.ArrayList;
import java.util.List;
import org.segfill.engine.mask.MaskEdit;
import org.segfill.server.http.ApiException;

/**
 * Turns the {@code ops} of a mask edit request into {@link MaskEdit}s, naming each bad field by
 * its JSON path ({@code ops[2].px}) with its allowed range.
 */
final class MaskOps {

  /** Most operations in one request. */
  static final int MAX_OPS = 64;
  /** Most points in one stroke. */
  static final int MAX_STROKE_POINTS = 10_000;

  private MaskOps() {}

  static List<MaskEdit> parse(List<MaskEditBody.Op> ops, long maskPixels) {
    if (ops == null) {
      throw ApiException.malformed("ops", "ops: missing; expected an array of operations");
    }
    if (ops.isEmpty() || ops.size() > MAX_OPS) {
      throw ApiException.outOfRange("ops", "ops: the count must be in [1, " + MAX_OPS
          + "], got " + ops.size() + " operations", "[1, " + MAX_OPS + "]");
    }
    List<MaskEdit> edits = new ArrayList<>();
    for (int i = 0; i < ops.size(); i++) {
      edits.add(one("ops[" + i + "]", ops.get(i), maskPixels));
    }
    return edits;
  }

  private static MaskEdit one(String at, MaskEditBody.Op op, long maskPixels) {
    if (op == null || op.op() == null) {
      throw ApiException.malformed(at + ".op", at + ".op: missing");
    }
    switch (op.op()) {
      case "invert":
        only(at, op);
        return new MaskEdit.Invert();
      case "fillHoles":
        only(at, op);
        return new MaskEdit.FillHoles();
      case "grow":
        only(at, op, "px");
        return new MaskEdit.Grow(intIn(at + ".px", op.px(), 0, MaskEdit.MAX_MORPH_PX));
      case "shrink":
        only(at, op, "px");
        return new MaskEdit.Shrink(intIn(at + ".px", op.px(), 0, MaskEdit.MAX_MORPH_PX));
      case "feather":
        only(at, op, "px");
        return new MaskEdit.Feather(intIn(at + ".px", op.px(), 0, MaskEdit.MAX_FEATHER_PX));
      case "removeSpecks":
        only(at, op, "minArea");
        return new MaskEdit.RemoveSpecks(intIn(at + ".minArea", op.minArea(), 1,
            (int) Math.min(Integer.MAX_VALUE, maskPixels)));
      case "stroke":
        only(at, op, "mode", "radius", "points");
        return stroke(at, op);
      default:
        throw ApiException.outOfRange(at + ".op", at + ".op: must be one of invert, grow,"
            + " shrink, feather, stroke, fillHoles, removeSpecks; got '" + op.op() + "'", null);
    }
  }

  private static MaskEdit stroke(String at, MaskEditBody.Op op) {
    if (op.mode() == null) {
      throw ApiException.malformed(at + ".mode", at + ".mode: missing; add or erase");
    }
    MaskEdit.StrokeMode mode;
    switch (op.mode()) {
      case "add" -> mode = MaskEdit.StrokeMode.ADD;
      case "erase" -> mode = MaskEdit.StrokeMode.ERASE;
      default -> throw ApiException.outOfRange(at + ".mode", at + ".mode: must be add or erase,"
          + " got '" + op.mode() + "'", null);
    }
    if (op.radius() == null) {
      throw ApiException.malformed(at + ".radius", at + ".radius: missing");
    }
    double radius = op.radius();
    if (!(radius > 0 && radius <= MaskEdit.MAX_BRUSH_RADIUS)) {
      throw ApiException.outOfRange(at + ".radius", at + ".radius: must be in (0, "
          + (int) MaskEdit.MAX_BRUSH_RADIUS + "], got " + radius,
          "(0, " + (int) MaskEdit.MAX_BRUSH_RADIUS + "]");
    }
    if (op.points() == null) {
      throw ApiException.malformed(at + ".points", at + ".points: missing");
    }
    if (op.points().isEmpty() || op.points().size() > MAX_STROKE_POINTS) {
      throw ApiException.outOfRange(at + ".points", at + ".points: the count must be in [1, "
          + MAX_STROKE_POINTS + "], got " + op.points().size(), "[1, " + MAX_STROKE_POINTS + "]");
    }
    List<MaskEdit.Point> points = new ArrayList<>();
    for (int i = 0; i < op.points().size(); i++) {
      MaskEditBody.XY p = op.points().get(i);
      String pat = at + ".points[" + i + "]";
      if (p == null || p.x() == null || p.y() == null) {
        throw ApiException.malformed(pat, pat + ": needs x and y");
      }
      if (!Double.isFinite(p.x()) || !Double.isFinite(p.y())) {
        throw ApiException.outOfRange(pat, pat + ": x and y must be finite", null);
      }
      points.add(new MaskEdit.Point(p.x().floatValue(), p.y().floatValue()));
    }
    return new MaskEdit.Stroke(mode, (float) radius, points);
  }

  private static int intIn(String field, Integer value, int min, int max) {
    if (value == null) {
      throw ApiException.malformed(field, field + ": missing");
    }
    if (value < min || value > max) {
      throw ApiException.outOfRange(field, field + ": must be in [" + min + ", " + max
          + "], got " + value, "[" + min + ", " + max + "]");
    }
    return value;
  }

  // Refuses fields the op does not use, so a typo ("radius" on grow) is not silently ignored.
  private static void only(String at, MaskEditBody.Op op, String... used) {
    List<String> allowed = List.of(used);
    check(at, op.op(), "px", op.px() != null, allowed);
    check(at, op.op(), "minArea", op.minArea() != null, allowed);
    check(at, op.op(), "mode", op.mode() != null, allowed);
    check(at, op.op(), "radius", op.radius() != null, allowed);
    check(at, op.op(), "points", op.points() != null, allowed);
  }

  private static void check(String at, String name, String field, boolean present,
      List<String> allowed) {
    if (present && !allowed.contains(field)) {
      throw ApiException.malformed(at + "." + field, at + "." + field + ": not used by "
          + name);
    }
  }
}
