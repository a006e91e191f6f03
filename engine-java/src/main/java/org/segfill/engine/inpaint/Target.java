package org.segfill.engine.inpaint;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What an edit regenerates (product.md "target"; model contract part 0 item 8). One enum serves
 * the API, the CLI and the page; {@link #id()} is the lowercase name all three use.
 */
public enum Target {
  /**
   * Keeps the selected subject and replaces everything else: the user's mask is inverted before
   * it becomes the repaint mask. The default, as in the seed app.
   */
  BACKGROUND("background"),
  /** Replaces the selection and keeps the rest. */
  SUBJECT("subject"),
  /** Erases the selection: a classic fill from the surroundings. */
  REMOVE("remove");

  /** The target when a request names none. */
  public static final Target DEFAULT = BACKGROUND;

  private static final String ALLOWED =
      Arrays.stream(values()).map(Target::id).collect(Collectors.joining(", "));

  private final String id;

  Target(String id) {
    this.id = id;
  }

  /** The name used by the API, the CLI and the page: {@code background}, {@code subject}, … */
  public String id() {
    return id;
  }

  /** True when the user's selection is kept and its complement repainted. */
  public boolean keepsSelection() {
    return this == BACKGROUND;
  }

  /**
   * The target named {@code id} (exact, lowercase).
   *
   * @throws IllegalArgumentException naming the field {@code target} and the allowed values
   */
  public static Target parse(String id) {
    for (Target t : values()) {
      if (t.id.equals(id)) {
        return t;
      }
    }
    throw new IllegalArgumentException("target must be one of " + ALLOWED + "; got "
        + (id == null ? "null" : "\"" + id + "\""));
  }
}
