package org.segfill.engine.sam;

import java.util.Objects;
import org.segfill.engine.backend.Tensor;

/**
 * The SAM image encoder's output for one image: {@code image_embeddings} float32 [1,256,64,64],
 * with the image's key and frame. Immutable, so one embedding serves concurrent clicks; the
 * tensor is fed to the decoder as it is, without a copy.
 */
public final class ImageEmbedding {

  private final ImageKey key;
  private final SamFrame frame;
  private final Tensor embeddings;

  ImageEmbedding(ImageKey key, SamFrame frame, Tensor embeddings) {
    this.key = Objects.requireNonNull(key, "key");
    this.frame = Objects.requireNonNull(frame, "frame");
    this.embeddings = Objects.requireNonNull(embeddings, "embeddings");
  }

  public ImageKey key() {
    return key;
  }

  public SamFrame frame() {
    return frame;
  }

  Tensor embeddings() {
    return embeddings;
  }

  /** Bytes this embedding holds, for the cache's budget. */
  public long bytes() {
    return embeddings.elementCount() * embeddings.dtype().byteSize();
  }
}
