package org.segfill.server.api;

import java.util.List;

/**
 * The body of {@code POST /v1/images/{id}/segment}. Boxed types, so a missing field is told
 * apart from a zero.
 *
 * @param points clicks in image pixels (x right, y down)
 * @param box an optional box around the object
 * @param previousMask the id of a SAM mask of this image whose logits refine the click
 * @param multimask return SAM's three candidates even for several clicks
 */
public record SegmentBody(List<PointBody> points, BoxBody box, String previousMask,
    Boolean multimask) {

  /** A click; {@code positive} defaults to true. */
  public record PointBody(Double x, Double y, Boolean positive) {}

  /** A box: top-left (x0, y0) and bottom-right edge (x1, y1), in image pixels. */
  public record BoxBody(Double x0, Double y0, Double x1, Double y1) {}
}
