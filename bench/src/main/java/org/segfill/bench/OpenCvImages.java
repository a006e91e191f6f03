package org.segfill.bench;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;

/** Random test images shared by the benchmarks, as OpenCV mats and raw native buffers. */
final class OpenCvImages {
  private OpenCvImages() {}

  /** A rows x cols mat of the given type filled with uniform random bytes. */
  static Mat random(int rows, int cols, int type, long seed) {
    Mat mat = new Mat(rows, cols, type);
    byte[] data = new byte[Math.toIntExact(mat.total() * mat.elemSize())];
    new java.util.Random(seed).nextBytes(data);
    bytes(mat).put(data);
    return mat;
  }

  /** A rows x cols 8-bit mask holding a filled ellipse (a realistic subject silhouette). */
  static Mat ellipseMask(int rows, int cols) {
    Mat mask = new Mat(rows, cols, org.bytedeco.opencv.global.opencv_core.CV_8UC1,
        new Scalar(0.0));
    org.bytedeco.opencv.global.opencv_imgproc.ellipse(mask,
        new org.bytedeco.opencv.opencv_core.Point(cols / 2, rows / 2),
        new org.bytedeco.opencv.opencv_core.Size(cols / 4, rows / 3), 0, 0, 360,
        new Scalar(255.0), -1, 8, 0);
    return mask;
  }

  /** The mat's pixels as a pointer with its capacity set (the mat keeps ownership). */
  static BytePointer bytes(Mat mat) {
    return new BytePointer(mat.data()).capacity(mat.total() * mat.elemSize());
  }
}
