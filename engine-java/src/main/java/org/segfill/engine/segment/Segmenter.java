package org.segfill.engine.segment;

import org.segfill.engine.image.RgbImage;

/** Turns clicks and an optional box on an image into a mask of the object they point at. */
public interface Segmenter {

  /**
   * Segments the object the prompt points at.
   *
   * @throws IllegalArgumentException if a point or the box lies outside the image (naming it)
   */
  SegmentResult segment(RgbImage image, Prompt prompt);
}
