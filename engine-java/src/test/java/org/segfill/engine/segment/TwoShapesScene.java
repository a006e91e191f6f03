package org.segfill.engine.segment;

import java.util.Random;
import org.segfill.engine.image.RgbImage;

/**
 * A synthetic photo: a red ellipse and a blue rectangle, both off-centre, on grey noise; knows the
 * exact pixel set of each shape.
 */
record TwoShapesScene(
    int width, int height,
    double ex, double ey, double ea, double eb,
    int rx0, int ry0, int rx1, int ry1) {

  /** The 1537x913 landscape scene. */
  static TwoShapesScene landscape() {
    return new TwoShapesScene(1537, 913, 430, 300, 220, 140, 900, 480, 1350, 820);
  }

  /** The 640x1280 portrait scene. */
  static TwoShapesScene portrait() {
    return new TwoShapesScene(640, 1280, 220, 350, 150, 220, 330, 750, 600, 1150);
  }

  boolean inEllipse(int x, int y) {
    double dx = (x + 0.5 - ex) / ea;
    double dy = (y + 0.5 - ey) / eb;
    return dx * dx + dy * dy <= 1;
  }

  boolean inRect(int x, int y) {
    return x >= rx0 && x < rx1 && y >= ry0 && y < ry1;
  }

  RgbImage image() {
    Random noise = new Random(1234);
    byte[] rgb = new byte[width * height * 3];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int i = (y * width + x) * 3;
        int r;
        int g;
        int b;
        if (inEllipse(x, y)) {
          r = 220; g = 30; b = 40;
        } else if (inRect(x, y)) {
          r = 30; g = 50; b = 210;
        } else {
          // Independent noise per channel: a busy, mostly grey background.
          r = 100 + noise.nextInt(81);
          g = 100 + noise.nextInt(81);
          b = 100 + noise.nextInt(81);
        }
        rgb[i] = (byte) r;
        rgb[i + 1] = (byte) g;
        rgb[i + 2] = (byte) b;
      }
    }
    return new RgbImage(width, height, rgb);
  }

  byte[] ellipseMask() {
    byte[] m = new byte[width * height];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        m[y * width + x] = (byte) (inEllipse(x, y) ? 255 : 0);
      }
    }
    return m;
  }

  byte[] rectMask() {
    byte[] m = new byte[width * height];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        m[y * width + x] = (byte) (inRect(x, y) ? 255 : 0);
      }
    }
    return m;
  }

  static double iou(byte[] a, byte[] b) {
    long inter = 0;
    long union = 0;
    for (int i = 0; i < a.length; i++) {
      boolean x = a[i] != 0;
      boolean y = b[i] != 0;
      if (x && y) {
        inter++;
      }
      if (x || y) {
        union++;
      }
    }
    return union == 0 ? 0 : (double) inter / union;
  }

  /** Fraction of the reference's pixels that the mask selects. */
  static double covered(byte[] mask, byte[] reference) {
    long inside = 0;
    long total = 0;
    for (int i = 0; i < mask.length; i++) {
      if (reference[i] != 0) {
        total++;
        if (mask[i] != 0) {
          inside++;
        }
      }
    }
    return (double) inside / total;
  }
}
