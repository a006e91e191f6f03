package org.segfill.server.store;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 digests in lowercase hex: the ids of everything the server stores by content. */
public final class ContentHash {

  private final MessageDigest digest;

  private ContentHash() {
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      // Every Java platform must provide SHA-256 (MessageDigest's documented requirement).
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** A fresh digest to feed piece by piece. */
  public static ContentHash start() {
    return new ContentHash();
  }

  /** The hex SHA-256 of {@code bytes}. */
  public static String of(byte[] bytes) {
    return start().add(bytes).hex();
  }

  /** Adds bytes. */
  public ContentHash add(byte[] bytes) {
    digest.update(bytes);
    return this;
  }

  /** Adds a string as UTF-8 followed by a separator, so adjacent strings cannot run together. */
  public ContentHash add(String text) {
    digest.update(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    digest.update((byte) 0);
    return this;
  }

  /** The digest so far, in hex; the hash cannot be used afterwards. */
  public String hex() {
    return HexFormat.of().formatHex(digest.digest());
  }

  /** Whether {@code id} looks like one of our ids: 64 lowercase hex digits. */
  public static boolean isId(String id) {
    return id != null && id.matches("[0-9a-f]{64}");
  }
}
