package org.segfill.engine.inpaint;

/**
 * An axis-aligned block of whole pixels: columns [x, x + width), rows [y, y + height). Width and
 * height are 0 only for the empty rectangle.
 */
public record PixelRect(int x, int y, int width, int height) {
  /** The rectangle that holds no pixel. */
  public static final PixelRect EMPTY = new PixelRect(0, 0, 0, 0);

  /** Checks a non-negative origin and size, both sides 0 or both positive. */
  public PixelRect {
    if (x < 0 || y < 0 || width < 0 || height < 0 || (width == 0) != (height == 0)) {
      throw new IllegalArgumentException("rectangle must have x, y >= 0 and a size that is empty "
          + "or positive on both sides, got " + x + "," + y + " " + width + "x" + height);
    }
  }

  /** The whole w x h image. */
  public static PixelRect of(int w, int h) {
    return new PixelRect(0, 0, w, h);
  }

  /** The smallest rectangle holding every non-zero pixel of a row-major w x h mask. */
  public static PixelRect boundsOf(byte[] mask, int w, int h) {
    int x0 = w;
    int y0 = h;
    int x1 = -1;
    int y1 = -1;
    for (int yy = 0; yy < h; yy++) {
      int row = yy * w;
      int first = -1;
      int last = -1;
      for (int xx = 0; xx < w; xx++) {
        if (mask[row + xx] != 0) {
          if (first < 0) {
            first = xx;
          }
          last = xx;
        }
      }
      if (first >= 0) {
        x0 = Math.min(x0, first);
        x1 = Math.max(x1, last);
        y0 = Math.min(y0, yy);
        y1 = yy;
      }
    }
    return x1 < 0 ? EMPTY : new PixelRect(x0, y0, x1 - x0 + 1, y1 - y0 + 1);
  }

  /** True when the rectangle holds no pixel. */
  public boolean isEmpty() {
    return width == 0;
  }

  /** width * height. */
  public long area() {
    return (long) width * height;
  }

  /** One past the last column. */
  public int right() {
    return x + width;
  }

  /** One past the last row. */
  public int bottom() {
    return y + height;
  }

  /** This rectangle grown by {@code px} on each side, clipped to a w x h image. */
  public PixelRect padded(int px, int w, int h) {
    if (isEmpty()) {
      return EMPTY;
    }
    int nx = Math.max(0, x - px);
    int ny = Math.max(0, y - px);
    int nr = (int) Math.min(w, (long) right() + px);
    int nb = (int) Math.min(h, (long) bottom() + px);
    return new PixelRect(nx, ny, nr - nx, nb - ny);
  }

  /** True when every pixel of {@code other} lies in this rectangle (the empty one always does). */
  public boolean contains(PixelRect other) {
    return other.isEmpty() || (other.x >= x && other.y >= y && other.right() <= right()
        && other.bottom() <= bottom());
  }

  /** True when the rectangle lies inside a w x h image. */
  public boolean fitsIn(int w, int h) {
    return right() <= w && bottom() <= h;
  }

  /**
   * Copies this rectangle out of a row-major image {@code imageWidth} pixels wide with
   * {@code channels} bytes per pixel.
   */
  public byte[] crop(byte[] pixels, int imageWidth, int channels) {
    byte[] out = new byte[(int) (area() * channels)];
    int rowBytes = width * channels;
    for (int r = 0; r < height; r++) {
      System.arraycopy(pixels, ((y + r) * imageWidth + x) * channels, out, r * rowBytes, rowBytes);
    }
    return out;
  }
}
