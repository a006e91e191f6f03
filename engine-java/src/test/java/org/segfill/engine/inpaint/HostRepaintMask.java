package org.segfill.engine.inpaint;

import java.util.List;
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
}
