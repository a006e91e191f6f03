package org.segfill.models.testbundle;

import java.util.Random;
import org.segfill.engine.image.RgbImage;

/**
 * A synthetic photo for segmentation tests and benchmarks: a pink ellipse and an orange
 * rectangle, both off-centre, on a noisy teal background, with the exact pixel set of each
 * shape.
 *
 * <p>The colours are chosen against {@link TinySam}: pink (220,110,170) and the background
 * (40,110,170) differ only in red, so a pipeline that feeds BGR (which the tiny encoder, blind to
 * blue, then sees as blue and green) cannot tell the ellipse from the background; pink and orange
 * (230,180,40) are "similar" for the tiny model's loose token but not its tight ones. The
 * background noise is uniform +-12 per channel, fixed by a seed.
 *
 * @param width image width
 * @param height image height
 * @param ex ellipse centre x (continuous pixel coordinates)
 * @param ey ellipse centre y
 * @param ea ellipse semi-axis along x
 * @param eb ellipse semi-axis along y
 * @param rx0 rectangle left column (inclusive)
 * @param ry0 rectangle top row (inclusive)
 * @param rx1 rectangle right column (exclusive)
 * @param ry1 rectangle bottom row (exclusive)
 */
public record TwoShapesScene(
    int width, int height,
    double ex, double ey, double ea, double eb,
    int rx0, int ry0, int rx1, int ry1) {

  private static final int[] PINK = {220, 110, 170};
  private static final int[] ORANGE = {230, 180, 40};
  private static final int[] TEAL = {40, 110, 170};
  private static final int NOISE = 12;

  /** The 1537x913 landscape scene. */
  public static TwoShapesScene landscape() {
    return new TwoShapesScene(1537, 913, 430, 300, 220, 140, 900, 480, 1350, 820);
  }

  /** The 640x1280 portrait scene. */
  public static TwoShapesScene portrait() {
    return new TwoShapesScene(640, 1280, 220, 350, 150, 220, 330, 750, 600, 1150);
  }

  /** The same layout scaled to {@code width x height}, e.g. a 4000x3000 photo for benchmarks. */
  public TwoShapesScene scaledTo(int newWidth, int newHeight) {
    double sx = (double) newWidth / width;
    double sy = (double) newHeight / height;
    return new TwoShapesScene(newWidth, newHeight, ex * sx, ey * sy, ea * sx, eb * sy,
        (int) Math.round(rx0 * sx), (int) Math.round(ry0 * sy), (int) Math.round(rx1 * sx),
        (int) Math.round(ry1 * sy));
  }

  /** A point well inside the ellipse, off its centre. */
  public double[] ellipseClick() {
    return new double[] {ex + 0.45 * ea, ey + 0.55 * eb};
  }

  /** A point well inside the rectangle, off its centre. */
  public double[] rectangleClick() {
    return new double[] {rx0 + 0.75 * (rx1 - rx0), ry0 + 0.7 * (ry1 - ry0)};
  }

  public boolean inEllipse(int x, int y) {
    double dx = (x + 0.5 - ex) / ea;
    double dy = (y + 0.5 - ey) / eb;
    return dx * dx + dy * dy <= 1;
  }

  public boolean inRectangle(int x, int y) {
    return x >= rx0 && x < rx1 && y >= ry0 && y < ry1;
  }

  /** The picture. */
  public RgbImage image() {
    Random noise = new Random(1234);
    byte[] rgb = new byte[width * height * 3];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int i = (y * width + x) * 3;
        boolean ellipse = inEllipse(x, y);
        int[] colour = ellipse ? PINK : inRectangle(x, y) ? ORANGE : TEAL;
        boolean background = colour == TEAL;
        for (int c = 0; c < 3; c++) {
          int v = colour[c] + (background ? noise.nextInt(2 * NOISE + 1) - NOISE : 0);
          rgb[i + c] = (byte) v;
        }
      }
    }
    return new RgbImage(width, height, rgb);
  }

  /** 255 on the ellipse, 0 elsewhere. */
  public byte[] ellipseMask() {
    byte[] m = new byte[width * height];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        m[y * width + x] = (byte) (inEllipse(x, y) ? 255 : 0);
      }
    }
    return m;
  }

  /** 255 on the rectangle, 0 elsewhere. */
  public byte[] rectangleMask() {
    byte[] m = new byte[width * height];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        m[y * width + x] = (byte) (inRectangle(x, y) ? 255 : 0);
      }
    }
    return m;
  }

  /** Intersection over union of two masks (non-zero = selected). */
  public static double iou(byte[] a, byte[] b) {
    long inter = 0;
    long union = 0;
    for (int i = 0; i < a.length; i++) {
      boolean x = a[i] != 0;
      boolean y = b[i] != 0;
      inter += x && y ? 1 : 0;
      union += x || y ? 1 : 0;
    }
    return union == 0 ? 0 : (double) inter / union;
  }

  /** Fraction of the reference's pixels that the mask selects. */
  public static double covered(byte[] mask, byte[] reference) {
    long inside = 0;
    long total = 0;
    for (int i = 0; i < mask.length; i++) {
      if (reference[i] != 0) {
        total++;
        inside += mask[i] != 0 ? 1 : 0;
      }
    }
    return total == 0 ? 0 : (double) inside / total;
  }

  /** Pixel-wise union of two masks. */
  public static byte[] union(byte[] a, byte[] b) {
    byte[] m = new byte[a.length];
    for (int i = 0; i < m.length; i++) {
      m[i] = (byte) (a[i] != 0 || b[i] != 0 ? 255 : 0);
    }
    return m;
  }
}
