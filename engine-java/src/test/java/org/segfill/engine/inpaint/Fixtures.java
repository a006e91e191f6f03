package org.segfill.engine.inpaint;

import java.util.SplittableRandom;
import org.segfill.engine.image.RgbImage;

/** Test images and selections over row-major byte arrays. */
public final class Fixtures {
  private Fixtures() {}

  /** A w x h image of one colour. */
  public static RgbImage flat(int w, int h, int r, int g, int b) {
    byte[] rgb = new byte[w * h * 3];
    for (int i = 0; i < rgb.length; i += 3) {
      rgb[i] = (byte) r;
      rgb[i + 1] = (byte) g;
      rgb[i + 2] = (byte) b;
    }
    return new RgbImage(w, h, rgb);
  }

  /** Uniform noise over a gentle gradient, so blurs and fills visibly change pixels. */
  public static RgbImage texture(int w, int h, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    byte[] rgb = new byte[w * h * 3];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int i = 3 * (y * w + x);
        rgb[i] = (byte) (x * 100 / w + random.nextInt(120));
        rgb[i + 1] = (byte) (y * 100 / h + random.nextInt(120));
        rgb[i + 2] = (byte) random.nextInt(256);
      }
    }
    return new RgbImage(w, h, rgb);
  }

  /** A copy of {@code image} with the pixels where {@code mask} is non-zero painted one colour. */
  public static RgbImage paint(RgbImage image, byte[] mask, int r, int g, int b) {
    byte[] rgb = image.rgb().clone();
    for (int i = 0; i < mask.length; i++) {
      if (mask[i] != 0) {
        rgb[3 * i] = (byte) r;
        rgb[3 * i + 1] = (byte) g;
        rgb[3 * i + 2] = (byte) b;
      }
    }
    return new RgbImage(image.width(), image.height(), rgb);
  }

  /** 255 where (x - cx)^2 + (y - cy)^2 <= r^2. */
  public static byte[] disk(int w, int h, int cx, int cy, int r) {
    byte[] m = new byte[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        long dx = x - cx;
        long dy = y - cy;
        if (dx * dx + dy * dy <= (long) r * r) {
          m[y * w + x] = (byte) 255;
        }
      }
    }
    return m;
  }

  /** 255 on columns [x0, x0 + rw) of rows [y0, y0 + rh). */
  public static byte[] rect(int w, int h, int x0, int y0, int rw, int rh) {
    byte[] m = new byte[w * h];
    for (int y = y0; y < y0 + rh; y++) {
      for (int x = x0; x < x0 + rw; x++) {
        m[y * w + x] = (byte) 255;
      }
    }
    return m;
  }

  /**
   * Chebyshev distance from each pixel to the nearest pixel where {@code set} is non-zero
   * ({@code Integer.MAX_VALUE} when there is none): the row distances first, then the minimum
   * over rows of max(row distance, row offset).
   */
  public static int[] chebyshevDistance(byte[] set, int w, int h) {
    int far = Integer.MAX_VALUE / 2;
    int[] row = new int[w * h];
    for (int y = 0; y < h; y++) {
      int last = -far;
      for (int x = 0; x < w; x++) {
        if (set[y * w + x] != 0) {
          last = x;
        }
        row[y * w + x] = x - last;
      }
      last = 2 * far;
      for (int x = w - 1; x >= 0; x--) {
        if (set[y * w + x] != 0) {
          last = x;
        }
        row[y * w + x] = Math.min(row[y * w + x], last - x);
      }
    }
    int[] d = new int[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int best = far;
        for (int sy = 0; sy < h; sy++) {
          best = Math.min(best, Math.max(row[sy * w + x], Math.abs(y - sy)));
        }
        d[y * w + x] = best >= far ? Integer.MAX_VALUE : best;
      }
    }
    return d;
  }

  /** 255 - v for every byte. */
  public static byte[] complement(byte[] m) {
    byte[] out = new byte[m.length];
    for (int i = 0; i < m.length; i++) {
      out[i] = (byte) (255 - (m[i] & 0xff));
    }
    return out;
  }

  /** The channel value (0..255) at pixel i of an RGB array. */
  public static int channel(byte[] rgb, int pixel, int c) {
    return rgb[3 * pixel + c] & 0xff;
  }

  /** True when pixel i has the same three bytes in both RGB arrays. */
  public static boolean samePixel(byte[] a, byte[] b, int pixel) {
    int i = 3 * pixel;
    return a[i] == b[i] && a[i + 1] == b[i + 1] && a[i + 2] == b[i + 2];
  }

  /**
   * A selection of a few random discs at 255 with a band of random soft values (so binarising at
   * 128 matters), never empty and never the whole image.
   */
  public static byte[] randomSelection(int w, int h, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    byte[] selection = new byte[w * h];
    int discs = 1 + random.nextInt(3);
    for (int d = 0; d < discs; d++) {
      int cx = random.nextInt(w);
      int cy = random.nextInt(h);
      int r = 2 + random.nextInt(Math.max(1, Math.min(w, h) / 4));
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r) {
            selection[y * w + x] = (byte) 255;
          }
        }
      }
    }
    int band = random.nextInt(h);
    for (int x = 0; x < w; x++) {
      selection[band * w + x] = (byte) random.nextInt(256);
    }
    selection[0] = 0; // some pixel is always unselected
    return selection;
  }
}
