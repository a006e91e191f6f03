package org.segfill.engine.segment;

/**
 * A click in original-image pixel coordinates (x right, y down; pixel i covers [i, i+1)), either
 * positive (part of the object) or negative (not part of it).
 */
public record Point(double x, double y, boolean positive) {}
