package org.segfill.models.sdxl;

/**
 * One failed check of a recorded generation.
 *
 * @param check the check's short name, e.g. "mask-channel"
 * @param detail what was expected, what came, and where
 */
public record CheckFailure(String check, String detail) {

  @Override
  public String toString() {
    return check + ": " + detail;
  }
}
