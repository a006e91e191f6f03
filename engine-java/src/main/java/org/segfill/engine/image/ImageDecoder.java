package org.segfill.engine.image;

import java.util.Objects;

/**
 * Turns uploaded bytes into pixels, or refuses them with an {@link ImageRejectedException}.
 *
 * <p>The order matters, because each step protects the next:
 *
 * <ol>
 *   <li>empty or over {@link ImageLimits#maxBytes()}: refused;
 *   <li>the format is recognised from its magic bytes (never a file name or Content-Type);
 *   <li>the header is read, bounds-checked, without decoding pixels;
 *   <li>its width and height are checked against the pixel and side limits, so a 1 KB file that
 *       claims 100000x100000 is refused before any pixel buffer exists;
 *   <li>the container is checked whole (JPEG EOI after the scans, PNG CRCs and IEND, RIFF size,
 *       BMP pixel array), so a truncated upload is refused instead of half-decoded;
 *   <li>only then does OpenCV decode, EXIF orientation is applied and BGR becomes RGB.
 * </ol>
 *
 * <p>Stateless apart from its limits; safe to share between threads.
 */
public final class ImageDecoder {
  private final ImageLimits limits;
  private final PixelDecoder pixelDecoder;

  /** A decoder enforcing {@code limits}. */
  public ImageDecoder(ImageLimits limits) {
    this(limits, new OpenCvPixelDecoder());
  }

  /** Test seam: the native decode step is replaceable. */
  ImageDecoder(ImageLimits limits, PixelDecoder pixelDecoder) {
    this.limits = Objects.requireNonNull(limits, "limits must not be null");
    this.pixelDecoder = Objects.requireNonNull(pixelDecoder, "pixelDecoder must not be null");
  }

  /** The limits this decoder enforces. */
  public ImageLimits limits() {
    return limits;
  }

  /**
   * Runs every check except the pixel decode and returns the header: format, stored size and
   * EXIF orientation.
   *
   * @throws ImageRejectedException when {@link #decode} would refuse the file before decoding
   */
  public ImageHeader probe(byte[] file) {
    Objects.requireNonNull(file, "image must not be null");
    limits.checkBytes(file.length);
    ImageFormat format = ImageFormat.detect(file)
        .orElseThrow(() -> UnsupportedFormat.refusal(file));
    ImageStructure structure = ImageStructure.of(format);
    ImageHeader header = structure.header(file);
    limits.checkDimensions(header.width(), header.height());
    structure.checkIntegrity(file);
    return header;
  }

  /**
   * Decodes an uploaded photo to 8-bit RGB with EXIF orientation applied.
   *
   * @throws ImageRejectedException when the file is empty, too large, unsupported or corrupt
   */
  public RgbImage decode(byte[] file) {
    ImageHeader header = probe(file);
    DecodedPixels px = pixelDecoder.decode(file, header, PixelDecoder.Layout.RGB);
    return new RgbImage(px.width(), px.height(), px.pixels());
  }

  /**
   * Decodes an uploaded image keeping its channels (gray, RGB or RGBA, 8 bits each) with EXIF
   * orientation applied, e.g. for {@code UploadedMask.toMask}.
   *
   * @throws ImageRejectedException when the file is empty, too large, unsupported or corrupt
   */
  public DecodedPixels decodePixels(byte[] file) {
    ImageHeader header = probe(file);
    return pixelDecoder.decode(file, header, PixelDecoder.Layout.STORED);
  }
}
