package org.segfill.engine.image;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_RGB2BGR;

import java.util.Objects;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Encodes pixels as PNG with OpenCV's {@code imencode} (libpng, OpenCV's default compression).
 * The output holds only the pixels, so re-encoding an upload drops anything that rode along in it
 * (EXIF, text chunks, bytes after IEND). Add text with {@link PngText#insert}.
 */
public final class PngEncoder {
  private PngEncoder() {}

  /** An 8-bit RGB PNG (colour type 2) of {@code image}. */
  public static byte[] encode(RgbImage image) {
    Objects.requireNonNull(image, "image must not be null");
    try (Mat rgb = new Mat(image.height(), image.width(), CV_8UC3);
        Mat bgr = new Mat()) {
      put(rgb, image.rgb());
      // libpng is given BGR because that is OpenCV's channel order for 3-channel images.
      opencv_imgproc.cvtColor(rgb, bgr, COLOR_RGB2BGR);
      return imencode(bgr);
    }
  }

  /**
   * An 8-bit gray PNG (colour type 0) of {@code gray}, width * height bytes row-major, e.g. a
   * mask.
   */
  public static byte[] encodeGray(int width, int height, byte[] gray) {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("width and height must be > 0, got " + width + "x"
          + height);
    }
    Objects.requireNonNull(gray, "gray must not be null");
    long expected = (long) width * height;
    if (gray.length != expected) {
      throw new IllegalArgumentException("gray must hold width * height = " + expected
          + " bytes, got " + gray.length);
    }
    try (Mat m = new Mat(height, width, CV_8UC1)) {
      put(m, gray);
      return imencode(m);
    }
  }

  private static void put(Mat mat, byte[] bytes) {
    // data() is a non-owning view of the Mat's buffer; closing it frees nothing.
    try (BytePointer data = mat.data()) {
      data.capacity(bytes.length).put(bytes);
    }
  }

  private static byte[] imencode(Mat m) {
    try (BytePointer buf = new BytePointer()) {
      if (!opencv_imgcodecs.imencode(".png", m, buf)) {
        throw new IllegalStateException("OpenCV could not encode a " + m.cols() + "x" + m.rows()
            + " PNG");
      }
      byte[] png = new byte[(int) buf.limit()];
      buf.get(png);
      return png;
    }
  }
}
