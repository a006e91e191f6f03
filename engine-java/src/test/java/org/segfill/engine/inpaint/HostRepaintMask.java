package org.segfill.engine.inpaint;

import java.util.List;
import java.util.SplittableRandom;
import org.segfill.engine.mask.Mask;
import org.segfill.engine.mask.MaskEdit;
import org.segfill.engine.mask.MaskEditor;

/**
 * The repaint mask as it was built before it ran on a kernel place: through {@link MaskEditor}
 * on the CPU twin. The reference the place-built mask must equal byte for byte.
 */
public final class HostRepaintMask {
  private HostRepaintMask() {}

  /** {@code selection} inverted (to keep it), grown and feathered by the editor. */
  public static RepaintMask build(Mask selection, Target target, RepaintShape shape) {
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
