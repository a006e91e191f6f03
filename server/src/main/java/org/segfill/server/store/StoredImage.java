package org.segfill.server.store;

import org.segfill.engine.image.RgbImage;
import org.segfill.engine.sam.ImageKey;

/**
 * An uploaded photo as we keep it: its decoded pixels and our own PNG re-encoding (served by
 * {@code GET /v1/images/{id}}; nothing of the upload's bytes is ever served back).
 *
 * @param id the SHA-256 of the decoded pixels ({@link ImageKey}), so equal pixels share an id
 * @param image the decoded RGB pixels
 * @param png our PNG encoding of them
 */
public record StoredImage(String id, RgbImage image, byte[] png) implements Cached {

  /** The key the SAM embedding cache and mask logits use. */
  public ImageKey key() {
    return new ImageKey(id);
  }

  public int width() {
    return image.width();
  }

  public int height() {
    return image.height();
  }

  @Override
  public long bytes() {
    return (long) image.rgb().length + png.length;
  }
}
