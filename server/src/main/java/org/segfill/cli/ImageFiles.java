package org.segfill.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.segfill.engine.image.ImageDecoder;
import org.segfill.engine.image.ImageLimits;
import org.segfill.engine.image.RgbImage;

/** Reads image files for the CLI with the decoder's limits, refusing oversized files unread. */
final class ImageFiles {

  private ImageFiles() {}

  /**
   * Decodes the image at {@code file}.
   *
   * @throws IllegalArgumentException naming {@code flag} for a missing or oversized file, or the
   *     decoder's own message for an unsupported, corrupt or too large image
   */
  static RgbImage read(String flag, Path file, ImageLimits limits) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(flag + ": " + file + " is not a readable file");
    }
    try {
      long size = Files.size(file);
      if (size > limits.maxBytes()) {
        throw new IllegalArgumentException(flag + ": " + file + " is " + size + " bytes; at most "
            + limits.maxBytes() + " allowed");
      }
      return new ImageDecoder(limits).decode(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException(flag + ": cannot read " + file, e);
    }
  }
}
