package org.segfill.engine.sam;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import org.segfill.engine.image.RgbImage;

/**
 * The identity of an image's pixels: SHA-256 over its width, height and RGB bytes, in hex.
 * Embeddings are cached by it, and low-res logits remember it so they are only ever fed back
 * for the image they came from.
 */
public record ImageKey(String sha256) {

  public ImageKey {
    Objects.requireNonNull(sha256, "sha256");
    if (!sha256.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("sha256: 64 lowercase hex digits expected, got '"
          + sha256 + "'");
    }
  }

  /** The key of an image's decoded pixels. */
  public static ImageKey of(RgbImage image) {
    MessageDigest digest = newDigest();
    digest.update(ByteBuffer.allocate(8).putInt(image.width()).putInt(image.height()).array());
    digest.update(image.rgb());
    return new ImageKey(HexFormat.of().formatHex(digest.digest()));
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      // Every Java platform must provide SHA-256 (MessageDigest's documented requirement).
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
