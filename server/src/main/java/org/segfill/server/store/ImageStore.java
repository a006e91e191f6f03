package org.segfill.server.store;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.segfill.engine.image.ImageDecoder;
import org.segfill.engine.image.PngEncoder;
import org.segfill.engine.image.RgbImage;
import org.segfill.engine.sam.ImageKey;
import org.segfill.server.http.ApiException;

/**
 * Uploaded photos by content: decoded defensively by {@link ImageDecoder} (format by magic
 * bytes, limits from the header, truncation refused), re-encoded as our own PNG, and kept in the
 * shared {@link ContentCache}. A byte-identical re-upload is recognised by the digest of its
 * bytes and costs no decode.
 */
public final class ImageStore {

  private static final String PREFIX = "image:";
  private static final int MAX_ALIASES = 4096;

  private final ContentCache cache;
  private final ImageDecoder decoder;
  // Digest of uploaded bytes -> image id, oldest first out.
  private final Map<String, String> uploads = new LinkedHashMap<>(64, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
      return size() > MAX_ALIASES;
    }
  };

  /** A store over {@code cache}, decoding with {@code decoder}. */
  public ImageStore(ContentCache cache, ImageDecoder decoder) {
    this.cache = cache;
    this.decoder = decoder;
  }

  /** What an upload produced, and whether the image was already held. */
  public record Upload(StoredImage image, boolean reused) {}

  /**
   * Stores the photo in {@code upload} (any accepted format).
   *
   * @throws org.segfill.engine.image.ImageRejectedException when the decoder refuses it
   * @throws ApiException 413 when its pixels exceed the whole cache budget
   */
  public Upload put(byte[] upload) {
    String digest = ContentHash.of(upload);
    Optional<StoredImage> known = alias(digest).flatMap(this::get);
    if (known.isPresent()) {
      return new Upload(known.get(), true);
    }
    RgbImage image = decoder.decode(upload);
    String id = ImageKey.of(image).sha256();
    Optional<StoredImage> same = get(id);
    if (same.isPresent()) {
      remember(digest, id);
      return new Upload(same.get(), true);
    }
    StoredImage stored = new StoredImage(id, image, PngEncoder.encode(image));
    if (!cache.fits(stored)) {
      throw ApiException.tooLarge("image", "image: " + stored.bytes() + " bytes decoded; the"
          + " image cache holds at most " + cache.maxBytes() + " (--cache-bytes)",
          cache.maxBytes());
    }
    cache.put(PREFIX + id, stored);
    remember(digest, id);
    return new Upload(stored, false);
  }

  /** The image {@code id}, if held. */
  public Optional<StoredImage> get(String id) {
    return ContentHash.isId(id) ? cache.get(PREFIX + id, StoredImage.class) : Optional.empty();
  }

  /**
   * The image {@code id}.
   *
   * @throws ApiException 404 naming {@code field}
   */
  public StoredImage require(String id, String field) {
    return get(id).orElseThrow(() -> ApiException.notFound(field, field + ": no image '" + id
        + "' (unknown, or evicted from the cache: upload it again)"));
  }

  private synchronized Optional<String> alias(String digest) {
    return Optional.ofNullable(uploads.get(digest));
  }

  private synchronized void remember(String digest, String id) {
    uploads.put(digest, id);
  }
}
