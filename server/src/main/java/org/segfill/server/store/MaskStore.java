package org.segfill.server.store;

import java.nio.ByteBuffer;
import java.util.Optional;
import org.segfill.engine.sam.MaskLogits;
import org.segfill.server.http.ApiException;

/**
 * Masks by content in the shared {@link ContentCache}: SAM's candidates (with their logits),
 * the classic segmenter's, uploaded and edited ones.
 */
public final class MaskStore {

  private static final String PREFIX = "mask:";

  private final ContentCache cache;

  /** A store over {@code cache}. */
  public MaskStore(ContentCache cache) {
    this.cache = cache;
  }

  /**
   * Stores a mask of image {@code imageId} and returns it with its id.
   *
   * @param logits SAM's low-res logits for {@link MaskOrigin#SAM}, else null
   * @throws ApiException 413 when it exceeds the whole cache budget
   */
  public StoredMask put(String imageId, int width, int height, byte[] pixels, MaskOrigin origin,
      MaskLogits logits) {
    ContentHash hash = ContentHash.start().add("mask").add(imageId)
        .add(width + "x" + height).add(pixels);
    if (logits != null) {
      float[] values = logits.values();
      ByteBuffer bytes = ByteBuffer.allocate(4 * values.length);
      bytes.asFloatBuffer().put(values);
      hash.add(bytes.array());
    }
    long area = 0;
    for (byte b : pixels) {
      if (b == (byte) 255) {
        area++;
      }
    }
    StoredMask mask = new StoredMask(hash.hex(), imageId, width, height, pixels, origin, logits,
        area);
    if (!cache.fits(mask)) {
      throw ApiException.tooLarge("mask", "mask: " + mask.bytes() + " bytes; the cache holds"
          + " at most " + cache.maxBytes() + " (--cache-bytes)", cache.maxBytes());
    }
    cache.put(PREFIX + mask.id(), mask);
    return mask;
  }

  /** The mask {@code id}, if held. */
  public Optional<StoredMask> get(String id) {
    return ContentHash.isId(id) ? cache.get(PREFIX + id, StoredMask.class) : Optional.empty();
  }

  /**
   * The mask {@code id}.
   *
   * @throws ApiException 404 naming {@code field}
   */
  public StoredMask require(String id, String field) {
    return get(id).orElseThrow(() -> ApiException.notFound(field, field + ": no mask '" + id
        + "' (unknown, or evicted from the cache)"));
  }
}
