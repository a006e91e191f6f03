package org.segfill.engine.image;

import java.util.Objects;

/**
 * An uploaded image that segfill refuses, with the {@link Kind} of refusal that decides the HTTP
 * status. Messages start with the field name ({@code image}) and never carry a decoder's own text,
 * because they are shown to the uploader.
 */
public final class ImageRejectedException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** Why an image was refused; the server maps each kind to the HTTP status in its comment. */
  public enum Kind {
    /** Not one of the accepted formats, or a variant of one we do not decode (415). */
    UNSUPPORTED_FORMAT,
    /** Over a byte, pixel or side limit (413). */
    TOO_LARGE,
    /** A known format whose bytes are malformed or truncated (400). */
    CORRUPT,
    /** No bytes at all (400). */
    EMPTY
  }

  private final Kind kind;

  /** A refusal of the given kind with a message meant for the uploader. */
  public ImageRejectedException(Kind kind, String message) {
    super(message);
    this.kind = Objects.requireNonNull(kind, "kind must not be null");
  }

  /**
   * A refusal caused by a decoder failure; the cause is kept for logs, its text stays out of
   * {@link #getMessage()}.
   */
  public ImageRejectedException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "kind must not be null");
  }

  /** The kind of refusal. */
  public Kind kind() {
    return kind;
  }

  static ImageRejectedException corrupt(String detail) {
    return new ImageRejectedException(Kind.CORRUPT, "image: " + detail);
  }

  static ImageRejectedException unsupported(String detail) {
    return new ImageRejectedException(Kind.UNSUPPORTED_FORMAT, "image: " + detail);
  }

  static ImageRejectedException tooLarge(String detail) {
    return new ImageRejectedException(Kind.TOO_LARGE, "image: " + detail);
  }
}
