package org.segfill.engine.inpaint.classic;

import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_Lab2RGB;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_RGB2Lab;
import static org.bytedeco.opencv.global.opencv_photo.INPAINT_TELEA;
import static org.bytedeco.opencv.global.opencv_xphoto.INPAINT_SHIFTMAP;

import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.global.opencv_photo;
import org.bytedeco.opencv.global.opencv_xphoto;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * OpenCV's shift-map inpainting ({@code xphoto::inpaint}, INPAINT_SHIFTMAP; He and Sun 2012):
 * each hole pixel is copied from the same pixel moved by one of the image's dominant patch
 * offsets, the offsets chosen by a graph cut so that neighbours agree. Texture is copied, not
 * smoothed, which is why removal uses it (see {@link ShiftMapFill}).
 */
final class ShiftMap {
  private ShiftMap() {}

  /**
   * {@code rgb} (w x h) with the pixels where {@code hole} is non-zero filled, as row-major RGB.
   * Pixels no offset can reach from known ones (a hole leaving little around it) are filled by
   * Telea inpainting with {@code teleaRadius} from the rest.
   */
  static byte[] fill(byte[] rgb, byte[] hole, int w, int h, int teleaRadius) {
    byte[] known = new byte[hole.length];
    for (int i = 0; i < hole.length; i++) {
      known[i] = hole[i] == 0 ? (byte) 255 : 0;
    }
    // xphoto's mask marks the KNOWN pixels (photo.inpaint's marks the hole), and the docs ask
    // for a CIELab-like image: L carries the intensity the patch matching weighs first.
    byte[] lab;
    try (Mat in = Mats.of(w, h, 3, rgb);
        Mat labIn = new Mat();
        Mat knownMat = Mats.of(w, h, 1, known);
        Mat labOut = new Mat()) {
      opencv_imgproc.cvtColor(in, labIn, COLOR_RGB2Lab);
      opencv_xphoto.inpaint(labIn, knownMat, labOut, INPAINT_SHIFTMAP);
      lab = Mats.bytes(labOut);
    }
    byte[] unreachable = unreachable(lab, hole);
    try (Mat labMat = Mats.of(w, h, 3, lab); Mat out = new Mat()) {
      opencv_imgproc.cvtColor(labMat, out, COLOR_Lab2RGB);
      if (unreachable == null) {
        return Mats.bytes(out);
      }
      try (Mat patchMask = Mats.of(w, h, 1, unreachable); Mat patched = new Mat()) {
        opencv_photo.inpaint(out, patchMask, patched, teleaRadius, INPAINT_TELEA);
        return Mats.bytes(patched);
      }
    }
  }

  /**
   * 255 at the hole pixels shift-map left unfilled, or null when there are none. It zeroes the
   * hole before copying, so a pixel whose every offset lands in the hole comes out as Lab
   * (0, 0, 0); no known pixel has that value (a = b = 0 encode a* = b* = -128, outside sRGB).
   */
  static byte[] unreachable(byte[] lab, byte[] hole) {
    byte[] mask = null;
    for (int i = 0; i < hole.length; i++) {
      if (hole[i] != 0 && lab[3 * i] == 0 && lab[3 * i + 1] == 0 && lab[3 * i + 2] == 0) {
        if (mask == null) {
          mask = new byte[hole.length];
        }
        mask[i] = (byte) 255;
      }
    }
    return mask;
  }
}
