package org.segfill.engine.mask;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.segfill.kernels.Args;
import org.segfill.kernels.MaskKernels;

/**
 * An owned width x height 8-bit mask in native memory (row-major, one byte per pixel).
 *
 * <p>Masks are normally binary (0 or 255). The one exception is the output of
 * {@link MaskEdit.Feather}, which stays soft (0..255) because it is the last step before
 * blending and the blender takes an 8-bit alpha; keeping a single type for both avoids a copy.
 * The pixels live in a JavaCPP {@link BytePointer} so the kernels read them without a copy; the
 * mask owns it and {@link #close()} frees it. Factories copy their input, so a caller's array is
 * never aliased.
 */
public final class Mask implements AutoCloseable {
  private final int width;
  private final int height;
  private BytePointer data;

  private Mask(int width, int height, BytePointer data) {
    this.width = width;
    this.height = height;
    this.data = data;
  }

  /** A copy of {@code pixels} (width * height bytes, row-major) as a mask. */
  public static Mask of(int width, int height, byte[] pixels) {
    long n = checkSize(width, height);
    Args.notNull("pixels", pixels);
    if (pixels.length != n) {
      throw new IllegalArgumentException("pixels must hold width * height = " + n
          + " bytes for a " + width + "x" + height + " mask, got " + pixels.length);
    }
    BytePointer p = new BytePointer(n);
    p.put(pixels, 0, pixels.length);
    return new Mask(width, height, p);
  }

  /** An all-zero (nothing selected) mask. */
  public static Mask blank(int width, int height) {
    long n = checkSize(width, height);
    BytePointer p = new BytePointer(n);
    p.zero();
    return new Mask(width, height, p);
  }

  /** Takes ownership of {@code data}, which holds width * height bytes. */
  static Mask adopt(int width, int height, BytePointer data) {
    return new Mask(width, height, data);
  }

  /** Width in pixels. */
  public int width() {
    return width;
  }

  /** Height in pixels. */
  public int height() {
    return height;
  }

  /** width * height. */
  public int pixelCount() {
    return width * height;
  }

  /** The value (0..255) at (x, y). */
  public int get(int x, int y) {
    Args.inRange("x", x, 0, width - 1);
    Args.inRange("y", y, 0, height - 1);
    return pointer().get((long) y * width + x) & 0xff;
  }

  /** A copy of the pixels, row-major. */
  public byte[] toArray() {
    byte[] out = new byte[pixelCount()];
    pointer().get(out, 0, out.length);
    return out;
  }

  /** Number of pixels equal to 255 (fully selected); soft values below 255 are not counted. */
  public long area() {
    long count = 0;
    for (byte b : toArray()) {
      if (b == (byte) 255) {
        count++;
      }
    }
    return count;
  }

  /** True when every pixel is 0 or 255. */
  public boolean isBinary() {
    for (byte b : toArray()) {
      if (b != 0 && b != (byte) 255) {
        return false;
      }
    }
    return true;
  }

  /** The native pixels, for the kernels; still owned by this mask. */
  BytePointer pointer() {
    if (data == null) {
      throw new IllegalStateException("mask is closed");
    }
    return data;
  }

  @Override
  public void close() {
    if (data != null) {
      data.close();
      data = null;
    }
  }

  /** Checks the sides against the kernels' limit and returns the pixel count. */
  static long checkSize(int width, int height) {
    Args.inRange("width", width, 1, MaskKernels.MAX_SIDE);
    Args.inRange("height", height, 1, MaskKernels.MAX_SIDE);
    return (long) width * height;
  }

  /** A fresh native buffer of {@code n} bytes copied from {@code src}. */
  static BytePointer copyOf(BytePointer src, long n) {
    BytePointer out = new BytePointer(n);
    Pointer.memcpy(out, src, n);
    return out;
  }
}
