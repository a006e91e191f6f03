package org.segfill.engine.inpaint.classic;

import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;

import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.segfill.engine.image.RgbImage;
import org.segfill.engine.inpaint.PixelRect;

/**
 * Resizes an image to cover a target size, as CSS {@code object-fit: cover} does: the aspect
 * ratio is kept and the overflow is cropped equally from both ends of the long axis.
 */
final class CoverResize {
  private CoverResize() {}

  /**
   * The centred part of a srcW x srcH image with the target's aspect ratio: the full height when
   * the source is relatively wider, else the full width. The other side is rounded to whole
   * pixels, so the two axes' scales may differ by under half a source pixel; an odd overflow
   * leaves the extra column or row on the right or bottom.
   */
  static PixelRect sourceCrop(int srcW, int srcH, int dstW, int dstH) {
    if ((long) srcW * dstH >= (long) srcH * dstW) {
      int cw = roundedRatio((long) srcH * dstW, dstH, srcW);
      return new PixelRect((srcW - cw) / 2, 0, cw, srcH);
    }
    int ch = roundedRatio((long) srcW * dstH, dstW, srcH);
    return new PixelRect(0, (srcH - ch) / 2, srcW, ch);
  }

  /** {@code src} covering a dstW x dstH image, as row-major RGB. */
  static byte[] render(RgbImage src, int dstW, int dstH) {
    PixelRect crop = sourceCrop(src.width(), src.height(), dstW, dstH);
    byte[] part = crop.crop(src.rgb(), src.width(), 3);
    // Area averaging when shrinking avoids aliasing; bilinear when enlarging avoids the
    // overshoot rings of bicubic at sharp edges.
    int interpolation = crop.width() >= dstW ? INTER_AREA : INTER_LINEAR;
    try (Mat in = Mats.of(crop.width(), crop.height(), 3, part);
        Mat out = new Mat();
        Size size = new Size(dstW, dstH)) {
      opencv_imgproc.resize(in, out, size, 0, 0, interpolation);
      return Mats.bytes(out);
    }
  }

  /** round(num / den) (half up), clamped to [1, max]. */
  private static int roundedRatio(long num, long den, int max) {
    long r = (2 * num + den) / (2 * den);
    return (int) Math.max(1, Math.min(max, r));
  }
}
