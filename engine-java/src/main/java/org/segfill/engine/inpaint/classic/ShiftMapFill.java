package org.segfill.engine.inpaint.classic;

import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_ELLIPSE;

import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.segfill.engine.image.RgbImage;
import org.segfill.engine.inpaint.PixelRect;

/**
 * Fills the region of a removal from its surroundings: shift-map inpainting ({@link ShiftMap})
 * of the region grown by a {@link #RING}, then a {@link PoissonBlend} that shades the copied
 * texture to meet the original at the region's edge. It works on a crop around the region and,
 * for regions over {@link #HOLE_BUDGET} px, at reduced resolution.
 *
 * <p>Why shift-map (measured by {@code ClassicRemoveComparisonTest}, see bench/README.md
 * "Classic removal: method comparison"; 1152x896 scenes, disk holes of radius 10/30/60 px, PSNR
 * in the hole in dB; times per call at r = 60 on the 2 vCPUs, the FSR rows quiet, the others
 * with the machine loaded several times over):
 *
 * <pre>
 * method          periodic texture   filtered noise   smooth gradient   time, r=60
 * photo Telea        13 - 27            21 - 23          38 - 47         15 - 70 ms
 * photo NS           12 - 31            20 - 24          51 - 58         15 - 65 ms
 * xphoto FSR_FAST    12 - 41            20 - 25          39 - 50         0.2 - 2 s
 * xphoto FSR_BEST    11 - 50            16 - 23          39 - 52         25 - 45 s
 * xphoto SHIFTMAP    48 - 52            16 - 23          32 - 45         1 - 5 s
 * this fill          49 - 57            17 - 22          46 - 53         3 - 18 s (loaded)
 * </pre>
 *
 * Telea and Navier-Stokes smear texture into radial streaks; FSR blurs it beyond small holes
 * and FSR_BEST takes tens of seconds a call. Shift-map copies texture: it wins on periodic
 * texture by over 20 dB and on noise keeps the detail (gradient energy 1.0x the truth against
 * 0.3x), losing the ~3 dB in PSNR any faithful synthesis of random texture loses to a blur.
 * Alone it leaves visible patches on smooth gradients; the clipped Poisson blend removes them.
 *
 * <p>Time grows with the hole's area (a graph cut over 61 candidate offsets), so holes beyond the
 * budget are filled at the resolution that brings them within it (so in about the budget's
 * time whatever the photo size) and scaled back up: a large fill is softer than the photo but
 * keeps its texture and structure.
 */
final class ShiftMapFill {
  /** The recipe's name for this fill. */
  static final String RECIPE = "shiftmap";

  /** Most hole pixels shift-map works on: a disk of radius ~60 px, seconds on 2 vCPUs. */
  static final int HOLE_BUDGET = 12_000;

  /** Known pixels grown into the hole for shift-map, for the blend to match fill to original. */
  static final int RING = 3;

  /**
   * Context around the region, in working px: its shorter side (shift-map's offsets must reach
   * past the region's thickness), within these bounds.
   */
  private static final int MIN_CONTEXT = 32;

  private static final int MAX_CONTEXT = 128;

  /**
   * xphoto resamples inputs over 800x600 (both sides beyond) to that size and upsamples only
   * the offsets it found there, leaving thin hole parts unfilled; working crops stay within.
   */
  private static final int SHIFTMAP_LONG_SIDE = 800;

  private static final int SHIFTMAP_SHORT_SIDE = 600;

  private ShiftMapFill() {}

  /**
   * Where and at what scale the fill works.
   *
   * @param crop the part of the photo the fill reads and returns
   * @param scale working resolution over the photo's, in (0, 1]
   */
  record WorkArea(PixelRect crop, double scale) {
    int workWidth() {
      return Math.max(1, (int) Math.round(crop.width() * scale));
    }

    int workHeight() {
      return Math.max(1, (int) Math.round(crop.height() * scale));
    }
  }

  /** The work area for a region of {@code area} px within {@code bounds} of a w x h photo. */
  static WorkArea plan(PixelRect bounds, long area, int w, int h) {
    double scale = Math.min(1.0, Math.sqrt((double) HOLE_BUDGET / Math.max(1, area)));
    double shorter = Math.min(bounds.width(), bounds.height()) * scale;
    double context = Math.max(MIN_CONTEXT, Math.min(MAX_CONTEXT, shorter));
    PixelRect crop = bounds.padded((int) Math.ceil(context / scale), w, h);
    int lo = Math.min(crop.width(), crop.height());
    int hi = Math.max(crop.width(), crop.height());
    if (hi * scale > SHIFTMAP_LONG_SIDE && lo * scale > SHIFTMAP_SHORT_SIDE) {
      scale = (SHIFTMAP_SHORT_SIDE - 1.0) / lo;
    }
    return new WorkArea(crop, scale);
  }

  /**
   * The {@code area.crop()} of {@code image} with the region's pixels filled, as row-major RGB.
   * Pixels outside the region are the original bytes exactly.
   *
   * @param region the full-size 0/255 region mask
   * @param teleaRadius the Telea radius for pixels shift-map cannot reach
   */
  static byte[] fill(RgbImage image, byte[] region, WorkArea area, int teleaRadius) {
    PixelRect crop = area.crop();
    int cw = crop.width();
    int ch = crop.height();
    byte[] src = crop.crop(image.rgb(), image.width(), 3);
    byte[] hole = crop.crop(region, image.width(), 1);
    int sw = area.workWidth();
    int sh = area.workHeight();
    boolean scaled = sw != cw || sh != ch;
    byte[] workRgb = scaled ? resize(src, cw, ch, 3, sw, sh, INTER_AREA) : src;
    // Any coverage makes a working pixel part of the hole, so no object colour leaks in.
    byte[] workHole = scaled ? binary(resize(hole, cw, ch, 1, sw, sh, INTER_AREA)) : hole;
    byte[] ring = grow(workHole, sw, sh, RING);
    byte[] shifted = ShiftMap.fill(workRgb, ring, sw, sh, teleaRadius);
    byte[] blended = PoissonBlend.blend(workRgb, shifted, workHole, ring, sw, sh);
    // Bilinear, not bicubic: no overshoot rings where the fill meets a sharp edge.
    byte[] filled = scaled ? resize(blended, sw, sh, 3, cw, ch, INTER_LINEAR) : blended;
    for (int i = 0; i < hole.length; i++) {
      if (hole[i] == 0) {
        System.arraycopy(src, 3 * i, filled, 3 * i, 3);
      }
    }
    return filled;
  }

  private static byte[] resize(byte[] pixels, int w, int h, int channels, int toW, int toH,
      int interpolation) {
    try (Mat in = Mats.of(w, h, channels, pixels); Mat out = new Mat(); Size to = new Size(toW,
        toH)) {
      opencv_imgproc.resize(in, out, to, 0, 0, interpolation);
      return Mats.bytes(out);
    }
  }

  private static byte[] binary(byte[] mask) {
    for (int i = 0; i < mask.length; i++) {
      mask[i] = mask[i] != 0 ? (byte) 255 : 0;
    }
    return mask;
  }

  /** {@code mask} dilated by a disk of radius {@code px}. */
  private static byte[] grow(byte[] mask, int w, int h, int px) {
    try (Mat in = Mats.of(w, h, 1, mask);
        Mat out = new Mat();
        Size size = new Size(2 * px + 1, 2 * px + 1);
        Mat disk = opencv_imgproc.getStructuringElement(MORPH_ELLIPSE, size)) {
      opencv_imgproc.dilate(in, out, disk);
      return Mats.bytes(out);
    }
  }
}
