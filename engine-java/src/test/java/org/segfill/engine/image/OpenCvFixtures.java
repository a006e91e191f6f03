package org.segfill.engine.image;

import static org.bytedeco.opencv.global.opencv_core.CV_16UC;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.ShortPointer;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;

/** Test files encoded by OpenCV's imencode, and OpenCV's own decode as an oracle. */
final class OpenCvFixtures {
  private OpenCvFixtures() {}

  /** Encodes 8-bit samples in OpenCV's channel order (BGR, BGRA) as {@code ext}. */
  static byte[] encode(String ext, int width, int height, int channels, byte[] samples,
      int... params) {
    try (Mat m = new Mat(height, width, CV_8UC(channels));
        BytePointer data = m.data()) {
      data.capacity(samples.length).put(samples);
      return imencode(ext, m, params);
    }
  }

  /** Encodes 16-bit samples in OpenCV's channel order as {@code ext}. */
  static byte[] encode16(String ext, int width, int height, int channels, short[] samples) {
    try (Mat m = new Mat(height, width, CV_16UC(channels));
        BytePointer data = m.data();
        ShortPointer s = new ShortPointer(data)) {
      s.capacity(samples.length).put(samples);
      return imencode(ext, m);
    }
  }

  private static byte[] imencode(String ext, Mat m, int... params) {
    try (BytePointer buf = new BytePointer();
        IntPointer p = new IntPointer(params)) {
      if (!opencv_imgcodecs.imencode(ext, m, buf, p)) {
        throw new AssertionError("imencode " + ext + " failed");
      }
      byte[] out = new byte[(int) buf.limit()];
      buf.get(out);
      return out;
    }
  }

  /** OpenCV's own imdecode of {@code file}: {width, height, channels} and the 8-bit samples. */
  static DecodedPixels imdecode(byte[] file, int flags) {
    try (Mat encoded = new Mat(1, file.length, CV_8UC1);
        BytePointer in = encoded.data()) {
      in.capacity(file.length).put(file);
      try (Mat m = opencv_imgcodecs.imdecode(encoded, flags);
          BytePointer out = m.data()) {
        byte[] px = new byte[(int) (m.total() * m.channels())];
        out.capacity(px.length).get(px);
        return new DecodedPixels(m.cols(), m.rows(), m.channels(), px);
      }
    }
  }

  /** RGB samples to BGR (or BGR to RGB): swaps samples 0 and 2 of every pixel. */
  static byte[] swapRedBlue(byte[] rgb, int channels) {
    byte[] out = rgb.clone();
    for (int i = 0; i < out.length; i += channels) {
      out[i] = rgb[i + 2];
      out[i + 2] = rgb[i];
    }
    return out;
  }
}
