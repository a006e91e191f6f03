package org.segfill.server.store;

import org.segfill.engine.sam.MaskLogits;

/**
 * A mask as we keep it: on the Java heap (a native {@code Mask} is made only while editing or
 * generating, and closed right after), with the image it belongs to and, for SAM's masks, the
 * low-res logits a later click may feed back.
 *
 * @param id SHA-256 of the image id, the size, the pixels and the logits
 * @param imageId the image it was made for
 * @param width width in pixels
 * @param height height in pixels
 * @param pixels 0 or 255 per pixel (soft after a feather), row-major
 * @param origin where it came from
 * @param logits SAM's low-res logits, or null for any other origin
 * @param area selected pixels (value 255)
 */
public record StoredMask(String id, String imageId, int width, int height, byte[] pixels,
    MaskOrigin origin, MaskLogits logits, long area) implements Cached {

  @Override
  public long bytes() {
    return pixels.length + (logits == null ? 0 : logits.bytes());
  }
}
