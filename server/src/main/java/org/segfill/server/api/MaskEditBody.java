package org.segfill.server.api;

import java.util.List;

/**
 * The body of {@code POST /v1/masks/{id}/edit}: edit operations applied in order.
 *
 * @param ops the operations
 */
public record MaskEditBody(List<Op> ops) {

  /**
   * One operation, named by {@code op}; each op uses only its own fields:
   * {@code invert}, {@code fillHoles} (none), {@code grow}, {@code shrink}, {@code feather}
   * ({@code px}), {@code removeSpecks} ({@code minArea}), {@code stroke} ({@code mode},
   * {@code radius}, {@code points}).
   */
  public record Op(String op, Integer px, Integer minArea, String mode, Double radius,
      List<XY> points) {}

  /** A brush point in mask pixels. */
  public record XY(Double x, Double y) {}
}
