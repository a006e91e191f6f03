package org.segfill.engine.inpaint.classic;

import static org.bytedeco.opencv.global.opencv_photo.INPAINT_TELEA;

import org.bytedeco.opencv.global.opencv_photo;
import org.bytedeco.opencv.opencv_core.Mat;
import org.segfill.engine.image.RgbImage;
import org.segfill.engine.inpaint.PixelRect;

/**
 * Fills a region from its surroundings with OpenCV's Telea inpainting (fast marching), working
 * on a crop around the region rather than the whole photo.
 *
 * <p>Telea computes each filled pixel from the known pixels within the radius, their image
 * gradients (one more pixel) and a distance field it marches up to the radius outside the
 * region, so a crop reaching {@link #margin} px beyond the region sees everything the fill of the
 * whole photo would: the result is the same, at the cost of the crop instead of the photo.
 */
final class TeleaFill {
  private TeleaFill() {}

  /** Pixels of context around the region: twice Telea's reach plus a little, to stay clear. */
  static int margin(int radius) {
    return 2 * radius + 4;
  }

  /** The crop Telea works on: {@code bounds} (which holds the region) plus the margin. */
  static PixelRect workArea(PixelRect bounds, int radius, int w, int h) {
    return bounds.padded(margin(radius), w, h);
  }

  /**
   * The {@code crop} of {@code image} with the region's pixels filled, as row-major RGB. Pixels
   * outside the region are the original bytes exactly, whatever the fill does near them.
   *
   * @param region the full-size 0/255 region mask
   */
  static byte[] fill(RgbImage image, byte[] region, PixelRect crop, int radius) {
    int w = image.width();
    byte[] src = crop.crop(image.rgb(), w, 3);
    byte[] mask = crop.crop(region, w, 1);
    byte[] filled;
    try (Mat in = Mats.of(crop.width(), crop.height(), 3, src);
        Mat inMask = Mats.of(crop.width(), crop.height(), 1, mask);
        Mat out = new Mat()) {
      opencv_photo.inpaint(in, inMask, out, radius, INPAINT_TELEA);
      filled = Mats.bytes(out);
    }
    for (int i = 0; i < mask.length; i++) {
      if (mask[i] == 0) {
        System.arraycopy(src, 3 * i, filled, 3 * i, 3);
      }
    }
    return filled;
  }
}
