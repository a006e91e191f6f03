package org.segfill.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.segfill.engine.image.DecodedPixels;
import org.segfill.engine.image.ImageDecoder;
import org.segfill.engine.image.ImageLimits;
import org.segfill.engine.mask.Mask;
import org.segfill.engine.mask.UploadedMask;

/** Reads a mask image for the CLI: any PNG/JPEG/WebP/BMP of the image's size, binarised. */
final class MaskFiles {

  private MaskFiles() {}

  /**
   * The mask at {@code file} for a {@code width x height} image (owned by the caller).
   *
   * @throws IllegalArgumentException naming {@code flag} for a missing file, or the decoder's or
   *     {@link UploadedMask}'s message for a bad image or a size other than the image's
   */
  static Mask read(String flag, Path file, int width, int height, ImageLimits limits) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(flag + ": " + file + " is not a readable file");
    }
    try {
      DecodedPixels pixels = new ImageDecoder(limits).decodePixels(Files.readAllBytes(file));
      return UploadedMask.toMask(width, height, pixels.width(), pixels.height(),
          pixels.channels(), pixels.pixels());
    } catch (IOException e) {
      throw new UncheckedIOException(flag + ": cannot read " + file, e);
    }
  }
}
