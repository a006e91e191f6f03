package org.segfill.server.store;

import java.util.Locale;

/** Where a stored mask came from; only SAM's masks carry logits that can refine a click. */
public enum MaskOrigin {
  /** A candidate SAM returned for a click, with its low-res logits. */
  SAM,
  /** The classic GrabCut segmenter's mask. */
  CLASSIC,
  /** A mask image uploaded by the client. */
  UPLOADED,
  /** The result of mask edits. */
  EDITED;

  /** The API name: {@code sam}, {@code classic}, {@code uploaded}, {@code edited}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
