package org.segfill.engine.inpaint.classic;

import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2RGB;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_RGB2BGR;
import static org.bytedeco.opencv.global.opencv_photo.INPAINT_NS;
import static org.bytedeco.opencv.global.opencv_photo.INPAINT_TELEA;
import static org.bytedeco.opencv.global.opencv_xphoto.INPAINT_FSR_BEST;
import static org.bytedeco.opencv.global.opencv_xphoto.INPAINT_FSR_FAST;

import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.global.opencv_photo;
import org.bytedeco.opencv.global.opencv_xphoto;
import org.bytedeco.opencv.opencv_core.Mat;
import org.segfill.engine.image.RgbImage;
import org.segfill.engine.inpaint.PixelRect;

/**
 * The fills compared for removal, each called on the same crop (the removal's work area) of a
 * scene with a hole; all but {@link #SEGFILL} are the bare OpenCV call.
 */
enum RemovalMethod {
  /** photo::inpaint, fast marching (the classic engine's removal before this comparison). */
  TELEA("photo Telea"),
  /** photo::inpaint, Navier-Stokes. */
  NS("photo NS"),
  /** xphoto::inpaint, frequency selective reconstruction, fast profile. */
  FSR_FAST("xphoto FSR_FAST"),
  /** xphoto::inpaint, frequency selective reconstruction, best profile. */
  FSR_BEST("xphoto FSR_BEST"),
  /** xphoto::inpaint, shift-map on the hole itself: no ring, blend or budget. */
  SHIFTMAP("xphoto SHIFTMAP"),
  /** {@link ShiftMapFill}: the engine's removal fill. */
  SEGFILL("segfill shift-map fill");

  /** The photo-module radius, as the engine's default request uses. */
  private static final int RADIUS = ClassicInpaintRequest.DEFAULT_INPAINT_RADIUS;

  private final String label;

  RemovalMethod(String label) {
    this.label = label;
  }

  String label() {
    return label;
  }

  /**
   * The crop of {@code scene} with the hole (0/255, full size) filled, row-major RGB; only the
   * hole's pixels are meant to be read.
   */
  byte[] fill(RgbImage scene, byte[] hole, ShiftMapFill.WorkArea area) {
    if (this == SEGFILL) {
      return ShiftMapFill.fill(scene, hole, area, RADIUS);
    }
    PixelRect crop = area.crop();
    int w = crop.width();
    int h = crop.height();
    byte[] rgb = crop.crop(scene.rgb(), scene.width(), 3);
    byte[] cropHole = crop.crop(hole, scene.width(), 1);
    return switch (this) {
      case TELEA -> photo(rgb, cropHole, w, h, INPAINT_TELEA);
      case NS -> photo(rgb, cropHole, w, h, INPAINT_NS);
      case FSR_FAST -> fsr(rgb, cropHole, w, h, INPAINT_FSR_FAST);
      case FSR_BEST -> fsr(rgb, cropHole, w, h, INPAINT_FSR_BEST);
      case SHIFTMAP -> ShiftMap.fill(rgb, cropHole, w, h, RADIUS);
      case SEGFILL -> throw new IllegalStateException("handled above");
    };
  }

  private static byte[] photo(byte[] rgb, byte[] hole, int w, int h, int flags) {
    try (Mat in = Mats.of(w, h, 3, rgb); Mat mask = Mats.of(w, h, 1, hole); Mat out = new Mat()) {
      opencv_photo.inpaint(in, mask, out, RADIUS, flags);
      return Mats.bytes(out);
    }
  }

  /** FSR reads BGR (it splits off luma as YCrCb) and, like shift-map, a mask of KNOWN pixels. */
  private static byte[] fsr(byte[] rgb, byte[] hole, int w, int h, int quality) {
    byte[] known = new byte[hole.length];
    for (int i = 0; i < hole.length; i++) {
      known[i] = hole[i] == 0 ? (byte) 255 : 0;
    }
    try (Mat in = Mats.of(w, h, 3, rgb);
        Mat bgr = new Mat();
        Mat mask = Mats.of(w, h, 1, known);
        Mat filled = new Mat();
        Mat out = new Mat()) {
      opencv_imgproc.cvtColor(in, bgr, COLOR_RGB2BGR);
      opencv_xphoto.inpaint(bgr, mask, filled, quality);
      opencv_imgproc.cvtColor(filled, out, COLOR_BGR2RGB);
      return Mats.bytes(out);
    }
  }
}
