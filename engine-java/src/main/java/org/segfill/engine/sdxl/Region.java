package org.segfill.engine.sdxl;

import java.util.Arrays;
import java.util.Locale;

/** Which part of the image SDXL regenerates (model contract part 0, item 8). */
public enum Region {
  /** Crop for big photos with a small mask, else the full image. */
  AUTO,
  /** The whole image, resized to its bucket. */
  FULL,
  /** A window around the mask, generated at its bucket and pasted back at full resolution. */
  CROP;

  /** The API and CLI name: {@code auto}, {@code full} or {@code crop}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses an API value, naming the field and the allowed values when it is not one. */
  public static Region parse(String value) {
    for (Region r : values()) {
      if (r.id().equals(value)) {
        return r;
      }
    }
    throw new IllegalArgumentException("region: must be one of "
        + Arrays.stream(values()).map(Region::id).toList() + ", got '" + value + "'");
  }
}
