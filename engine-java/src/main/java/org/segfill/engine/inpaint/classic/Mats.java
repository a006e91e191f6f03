package org.segfill.engine.inpaint.classic;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;

/** Copies between row-major byte arrays and 8-bit OpenCV Mats. */
final class Mats {
  private Mats() {}

  /** A new Mat (the caller closes it) holding a copy of {@code bytes}. */
  static Mat of(int w, int h, int channels, byte[] bytes) {
    Mat mat = new Mat(h, w, CV_8UC(channels));
    // data() is a non-owning view of the Mat's buffer; closing it frees nothing.
    try (BytePointer data = mat.data()) {
      data.capacity(bytes.length).put(bytes);
    }
    return mat;
  }

  /** A copy of a continuous 8-bit Mat's pixels. */
  static byte[] bytes(Mat mat) {
    long n = mat.total() * mat.elemSize();
    if (!mat.isContinuous() || n > Integer.MAX_VALUE) {
      throw new IllegalStateException("unexpected Mat layout " + mat.cols() + "x" + mat.rows());
    }
    byte[] out = new byte[(int) n];
    try (BytePointer data = mat.data()) {
      data.capacity(n).get(out);
    }
    return out;
  }
}
