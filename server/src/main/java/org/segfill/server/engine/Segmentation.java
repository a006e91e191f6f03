package org.segfill.server.engine;

import java.util.Map;
import org.segfill.engine.sam.MaskLogits;
import org.segfill.engine.segment.Prompt;
import org.segfill.server.store.StoredImage;

/** Click-to-mask as the server runs it: SAM with an embedding cache, or classic GrabCut. */
public interface Segmentation extends AutoCloseable {

  /**
   * Segments what {@code prompt} points at.
   *
   * @param previous SAM logits of an earlier mask of this image to refine, or null
   * @throws IllegalArgumentException naming the field for a point or box outside the image
   */
  SegmentOutcome segment(StoredImage image, Prompt prompt, MaskLogits previous,
      boolean multimask);

  /** Computes and caches what the first click on {@code image} needs (SAM's embedding). */
  void precompute(StoredImage image);

  /** Whether a box prompt is accepted. */
  boolean supportsBox();

  /** Whether a previous SAM mask can refine the next click. */
  boolean supportsPreviousMask();

  /** What {@code /v1/engines} says about the segmenter. */
  Map<String, Object> describe();

  @Override
  void close();
}
