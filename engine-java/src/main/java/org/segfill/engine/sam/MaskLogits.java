package org.segfill.engine.sam;

import java.util.Objects;

/**
 * The 256x256 low-res logits of one mask SAM predicted for one image: what a later click may feed
 * back as {@code mask_input} (model contract, part 0 item 1). Only the predictor makes them, so an
 * edited or uploaded mask can never be passed off as logits.
 */
public final class MaskLogits {

  /** Side of the low-res grid. */
  public static final int SIDE = 256;

  private final ImageKey image;
  private final float[] logits;

  MaskLogits(ImageKey image, float[] logits) {
    this.image = Objects.requireNonNull(image, "image");
    if (logits.length != SIDE * SIDE) {
      throw new IllegalArgumentException("logits: " + SIDE * SIDE + " values expected, found "
          + logits.length);
    }
    this.logits = logits;
  }

  /** The image whose prediction these logits are. */
  public ImageKey image() {
    return image;
  }

  /** A copy of the logits, row-major. */
  public float[] values() {
    return logits.clone();
  }

  // The predictor reads them without copying; nobody else can reach the array.
  float[] shared() {
    return logits;
  }

  /** Bytes held. */
  public long bytes() {
    return 4L * logits.length;
  }
}
