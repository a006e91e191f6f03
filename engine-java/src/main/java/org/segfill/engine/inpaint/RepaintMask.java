package org.segfill.engine.inpaint;

import java.util.List;
import org.segfill.engine.mask.Mask;
import org.segfill.engine.mask.MaskEdit;
import org.segfill.engine.mask.MaskEditor;

/**
 * The repaint mask of model contract part 0 item 8, shared by the classic and SDXL inpainters.
 *
 * <p>From the user's selection (values 128..255 = the clicked subject): inverted for
 * {@link Target#BACKGROUND}, grown by {@link RepaintShape#maskGrow()} px into {@link #region()},
 * a binary 0/255 mask of the pixels that need new content; then feathered by
 * {@link RepaintShape#maskFeather()} px into {@link #alpha()}, the 8-bit weight of the new
 * content in the paste-back. Alpha is 0 wherever no region pixel lies within the feather radius
 * (Chebyshev distance), so those pixels keep the original bytes exactly; it is 255 wherever the
 * whole feather window is region.
 *
 * <p>A plain value (heap arrays, row-major, one byte per pixel): the native buffers used to build
 * it are freed before {@link #build} returns. The arrays are not copied; do not change them.
 *
 * @param width mask width
 * @param height mask height
 * @param region 0/255, the grown selection to repaint
 * @param alpha 0..255, the feathered region
 * @param bounds the smallest rectangle holding every pixel with alpha > 0 (empty if none)
 */
public record RepaintMask(int width, int height, byte[] region, byte[] alpha, PixelRect bounds) {

  /** Checks the array sizes and that the bounds fit. */
  public RepaintMask {
    long n = (long) width * height;
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException(
          "repaint mask size must be positive, got " + width + "x" + height);
    }
    if (region == null || region.length != n || alpha == null || alpha.length != n) {
      throw new IllegalArgumentException("region and alpha must each hold " + n + " bytes");
    }
    if (bounds == null || !bounds.fitsIn(width, height)) {
      throw new IllegalArgumentException("bounds " + bounds + " must lie inside the mask");
    }
  }

  /**
   * Builds the repaint mask of {@code selection} for {@code target}; the selection is not changed.
   */
  public static RepaintMask build(Mask selection, Target target, RepaintShape shape) {
    if (selection == null || target == null || shape == null) {
      throw new IllegalArgumentException("selection, target and shape must not be null");
    }
    MaskEditor editor = new MaskEditor();
    List<MaskEdit> toRegion = target.keepsSelection()
        ? List.of(new MaskEdit.Invert(), new MaskEdit.Grow(shape.maskGrow()))
        : List.of(new MaskEdit.Grow(shape.maskGrow()));
    try (Mask region = editor.apply(selection, toRegion);
        Mask alpha = editor.apply(region, List.of(new MaskEdit.Feather(shape.maskFeather())))) {
      int w = selection.width();
      int h = selection.height();
      byte[] a = alpha.toArray();
      return new RepaintMask(w, h, region.toArray(), a, PixelRect.boundsOf(a, w, h));
    }
  }

  /** True when no pixel is repainted (alpha is 0 everywhere). */
  public boolean isEmpty() {
    return bounds.isEmpty();
  }

  /** The alpha (0..255) at (x, y). */
  public int alphaAt(int x, int y) {
    return alpha[y * width + x] & 0xff;
  }

  /** Number of region pixels (the grown selection). */
  public long regionArea() {
    long count = 0;
    for (byte b : region) {
      if (b != 0) {
        count++;
      }
    }
    return count;
  }
}
