package org.segfill.engine.image;

import static org.bytedeco.opencv.global.opencv_core.CV_16U;
import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.ROTATE_90_CLOCKWISE;
import static org.bytedeco.opencv.global.opencv_core.ROTATE_90_COUNTERCLOCKWISE;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR_RGB;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_IGNORE_ORIENTATION;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_UNCHANGED;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2RGB;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGRA2RGBA;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.ShortPointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Decodes pixels with OpenCV's {@code imdecode} (libjpeg-turbo, libpng, libwebp and OpenCV's own
 * BMP reader).
 *
 * <p>Rules, each pinned by a test:
 *
 * <ul>
 *   <li>{@link Layout#RGB} uses {@code IMREAD_COLOR_RGB}: gray, gray+alpha, palette, 16-bit and
 *       CMYK all become 8-bit RGB, and alpha is dropped (not composited). CMYK JPEG is read as
 *       Adobe's inverted CMYK, R = C * K / 255 (rounded up), in both layouts.
 *   <li>{@link Layout#STORED} uses {@code IMREAD_UNCHANGED}, which keeps gray as 1 channel and
 *       alpha as a 4th (palette with transparency and gray+alpha become BGRA), then reorders to
 *       RGB(A).
 *   <li>16-bit samples keep their high byte, which is what {@code IMREAD_COLOR_RGB} does (libpng's
 *       strip-16), so both layouts give the same 8-bit values.
 *   <li>EXIF orientation is applied here, from {@link ImageHeader#orientation()}, for every
 *       format and both layouts. OpenCV 4.13 would apply it itself for JPEG and PNG eXIf under
 *       {@code IMREAD_COLOR} but not under {@code IMREAD_UNCHANGED}; one rule of our own keeps
 *       an uploaded mask aligned with its photo and the decoded size predictable from the header.
 * </ul>
 *
 * <p>Every Mat is closed on every path. OpenCV exceptions and empty results become CORRUPT
 * refusals whose message does not include OpenCV's text. libjpeg's warnings (e.g. "Corrupt JPEG
 * data" for damaged entropy-coded data) are printed by OpenCV and do not fail the decode; the
 * structural checks before decoding catch truncation, the common case.
 */
final class OpenCvPixelDecoder implements PixelDecoder {

  @Override
  public DecodedPixels decode(byte[] file, ImageHeader header, Layout layout) {
    int flags = layout == Layout.RGB ? IMREAD_COLOR_RGB | IMREAD_IGNORE_ORIENTATION
        : IMREAD_UNCHANGED;
    try (Mat encoded = new Mat(1, file.length, CV_8UC1);
        Mat decoded = imdecode(encoded, file, flags, header.format());
        Mat ordered = new Mat();
        Mat turned = new Mat()) {
      checkDecoded(decoded, header, layout);
      Mat rgb = layout == Layout.RGB ? decoded : toRgbOrder(decoded, ordered);
      Mat out = orient(rgb, turned, header.orientation());
      return new DecodedPixels(out.cols(), out.rows(), out.channels(), copyOut(out));
    }
  }

  private static Mat imdecode(Mat encoded, byte[] file, int flags, ImageFormat format) {
    // data() is a non-owning view of the Mat's buffer; closing it frees nothing.
    try (BytePointer data = encoded.data()) {
      data.capacity(file.length).put(file);
    }
    Mat decoded;
    try {
      decoded = opencv_imgcodecs.imdecode(encoded, flags);
    } catch (RuntimeException e) {
      throw new ImageRejectedException(ImageRejectedException.Kind.CORRUPT,
          "image: the " + format + " pixel data could not be decoded", e);
    }
    if (decoded.empty()) {
      decoded.close();
      throw ImageRejectedException.corrupt("the " + format + " pixel data could not be decoded");
    }
    return decoded;
  }

  private static void checkDecoded(Mat m, ImageHeader header, Layout layout) {
    // The limits were checked on the header's size, so the pixels must have exactly that size.
    if (m.cols() != header.width() || m.rows() != header.height()) {
      throw ImageRejectedException.corrupt("the decoded size " + m.cols() + "x" + m.rows()
          + " differs from the header's " + header.width() + "x" + header.height());
    }
    int channels = m.channels();
    boolean channelsOk = layout == Layout.RGB ? channels == 3
        : channels == 1 || channels == 3 || channels == 4;
    if (!channelsOk || (m.depth() != CV_8U && m.depth() != CV_16U) || !m.isContinuous()) {
      throw ImageRejectedException.corrupt("the " + header.format() + " decoder produced "
          + channels + " channels of depth " + m.depth() + ", which segfill does not handle");
    }
  }

  /** BGR(A) to RGB(A) into {@code scratch}; gray is returned as is. */
  private static Mat toRgbOrder(Mat bgr, Mat scratch) {
    switch (bgr.channels()) {
      case 3 -> opencv_imgproc.cvtColor(bgr, scratch, COLOR_BGR2RGB);
      case 4 -> opencv_imgproc.cvtColor(bgr, scratch, COLOR_BGRA2RGBA);
      default -> {
        return bgr;
      }
    }
    return scratch;
  }

  /** Applies EXIF orientation (see {@link ExifOrientation}) into {@code scratch}. */
  private static Mat orient(Mat src, Mat scratch, int orientation) {
    switch (orientation) {
      case 1 -> {
        return src;
      }
      case 2 -> opencv_core.flip(src, scratch, 1);
      case 3 -> opencv_core.flip(src, scratch, -1);
      case 4 -> opencv_core.flip(src, scratch, 0);
      case 5 -> opencv_core.transpose(src, scratch);
      case 6 -> opencv_core.rotate(src, scratch, ROTATE_90_CLOCKWISE);
      case 7 -> {
        opencv_core.transpose(src, scratch);
        opencv_core.flip(scratch, scratch, -1);
      }
      case 8 -> opencv_core.rotate(src, scratch, ROTATE_90_COUNTERCLOCKWISE);
      default -> throw new IllegalArgumentException("orientation must be in [1, 8], got "
          + orientation);
    }
    return scratch;
  }

  /** The Mat's samples as bytes; 16-bit samples keep their high byte. */
  private static byte[] copyOut(Mat m) {
    int rowSamples = m.cols() * m.channels();
    byte[] out = new byte[Math.multiplyExact(rowSamples, m.rows())];
    if (m.depth() == CV_8U) {
      try (BytePointer data = m.data()) {
        data.capacity(out.length).get(out);
      }
      return out;
    }
    // One row at a time, so a 16-bit image never needs a second full-size Java array.
    short[] row = new short[rowSamples];
    try (BytePointer data = m.data();
        ShortPointer samples = new ShortPointer(data)) {
      samples.capacity((long) out.length);
      for (int y = 0; y < m.rows(); y++) {
        samples.position((long) y * rowSamples).get(row);
        int base = y * rowSamples;
        for (int i = 0; i < rowSamples; i++) {
          out[base + i] = (byte) (row[i] >>> 8);
        }
      }
    }
    return out;
  }
}
