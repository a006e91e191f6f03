package org.segfill.engine.inpaint;

import org.segfill.engine.mask.Mask;
import org.segfill.engine.mask.MaskEditor;
import org.segfill.kernels.MaskKernels;
import org.segfill.place.KernelPlace;
import org.segfill.place.PlaceBuffer;

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
 * <p>A plain value (heap arrays, row-major, one byte per pixel): the buffers used to build it,
 * on the host or a GPU, are freed before {@link #build} returns. The arrays are not copied; do not change them.
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
   * Builds the repaint mask of {@code selection} for {@code target} on the CPU twin; the
   * selection is not changed.
   */
  public static RepaintMask build(Mask selection, Target target, RepaintShape shape) {
    return build(KernelPlace.cpu(), selection, target, shape);
  }

  /**
   * Builds the repaint mask of {@code selection} for {@code target} with the kernels of {@code
   * place}: the selection is uploaded once, inverted, grown and feathered in the place's memory,
   * and the region and alpha come back once. The same kernels in the same order as {@link
   * MaskEditor} (Invert, Grow, Feather), so the bytes are the editor's.
   */
  public static RepaintMask build(KernelPlace place, Mask selection, Target target,
      RepaintShape shape) {
    if (place == null || selection == null || target == null || shape == null) {
      throw new IllegalArgumentException("place, selection, target and shape must not be null");
    }
    int w = selection.width();
    int h = selection.height();
    int n = selection.pixelCount();
    MaskKernels kernels = new MaskKernels(place.target());
    byte[] region = new byte[n];
    byte[] alpha = new byte[n];
    // Every buffer outlives the last download, which waits for all the work queued before it.
    try (PlaceBuffer edited = place.upload(selection.toArray());
        PlaceBuffer grown = place.allocate(n);
        PlaceBuffer feathered = place.allocate(n);
        PlaceBuffer workspace = place.allocate(Math.max(
            MaskKernels.morphWorkspaceBytes(w, h), MaskKernels.featherWorkspaceBytes(w, h)))) {
      if (target.keepsSelection()) {
        kernels.invert(edited.bytes(), edited.bytes(), n);
      }
      // As MaskEditor's Grow: binarise first so a soft selection means what it means elsewhere.
      kernels.binarize(edited.bytes(), edited.bytes(), n, MaskEditor.BINARY_THRESHOLD);
      kernels.grow(edited.bytes(), grown.bytes(), w, h, shape.maskGrow(), workspace.bytes());
      // Stream order lets the feather reuse the grow's workspace.
      kernels.feather(grown.bytes(), feathered.bytes(), w, h, shape.maskFeather(),
          workspace.bytes());
      place.download(grown, region);
      place.download(feathered, alpha);
    }
    return new RepaintMask(w, h, region, alpha, PixelRect.boundsOf(alpha, w, h));
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
