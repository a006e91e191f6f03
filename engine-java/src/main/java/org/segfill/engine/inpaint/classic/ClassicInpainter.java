package org.segfill.engine.inpaint.classic;

import org.segfill.engine.image.RgbImage;
import org.segfill.engine.inpaint.BackgroundSpec;
import org.segfill.engine.inpaint.PasteBack;
import org.segfill.engine.inpaint.PixelRect;
import org.segfill.engine.inpaint.RepaintMask;
import org.segfill.engine.inpaint.Target;
import org.segfill.engine.mask.Mask;

/**
 * The classic inpainter, serving when no SDXL bundle is installed (product.md "Engines").
 *
 * <ul>
 *   <li>{@code remove}: shift-map inpainting copies texture from the surroundings into the
 *       grown selection and a Poisson blend shades it to fit (on a crop around it, see
 *       {@link ShiftMapFill}, which records why this method); the fill is pasted back through
 *       the feathered alpha.
 *   <li>{@code background}: the inverted, grown, feathered selection is replaced by the
 *       request's background (default {@code blur:25}): a colour, a Gaussian blur of the original
 *       (sigma = radius / 3) or another image resized to cover the photo.
 *   <li>{@code subject} with a background: the grown, feathered selection is replaced the same
 *       way (a colour or image patch, or a blur of the subject for hiding it). Without one it is
 *       refused: generating a subject from text needs the SDXL bundle.
 * </ul>
 *
 * <p>Every pixel whose repaint alpha is 0 keeps the original bytes exactly; see
 * {@link RepaintMask} and {@link PasteBack}. All checks run before any native call. Stateless and
 * safe to share between threads.
 */
public final class ClassicInpainter {
  private final PasteBack pasteBack = new PasteBack();

  /**
   * Edits {@code image} inside {@code mask} (the user's selection: 128..255 = the subject) as
   * {@code request} says; the inputs are not changed.
   *
   * @throws IllegalArgumentException naming the field at fault: a mask of another size than the
   *     image, or a mask that leaves nothing to replace (or, for remove, nothing to fill from)
   * @throws UnsupportedOperationException for {@code subject} without a background
   */
  public ClassicResult inpaint(RgbImage image, Mask mask, ClassicInpaintRequest request) {
    if (image == null || mask == null || request == null) {
      throw new IllegalArgumentException("image, mask and request must not be null");
    }
    int w = image.width();
    int h = image.height();
    if (mask.width() != w || mask.height() != h) {
      throw new IllegalArgumentException("mask is " + mask.width() + "x" + mask.height()
          + " but the image is " + w + "x" + h + "; the mask must have the image's size");
    }
    Target target = request.target();
    if (target == Target.SUBJECT && request.background() == null) {
      throw new UnsupportedOperationException("target=subject without a background means "
          + "text-guided generation, which needs the SDXL inpainting bundle (see models/ for how "
          + "to get it); the classic engine can replace the subject with a background: "
          + "\"#rrggbb\", \"blur:<radius>\" or \"image:<id>\"");
    }
    RepaintMask repaint = RepaintMask.build(mask, target, request.shape());
    requireSomethingToReplace(repaint, target);

    PixelRect rect;
    byte[] content;
    String fill;
    if (target == Target.REMOVE) {
      if (repaint.regionArea() == (long) w * h) {
        throw new IllegalArgumentException("mask, grown by maskGrow, covers the whole image; "
            + "target=remove needs surrounding pixels to fill from");
      }
      ShiftMapFill.WorkArea area =
          ShiftMapFill.plan(repaint.bounds(), repaint.regionArea(), w, h);
      rect = area.crop();
      content = ShiftMapFill.fill(image, repaint.region(), area, request.inpaintRadius());
      fill = ShiftMapFill.RECIPE;
    } else {
      BackgroundSpec background = request.background();
      rect = repaint.bounds();
      content = BackdropFill.render(background, image, rect);
      fill = background.text();
    }
    RgbImage out = pasteBack.composite(image, repaint, rect, content);
    ClassicRecipe recipe = new ClassicRecipe(
        target, fill, request.shape().maskGrow(), request.shape().maskFeather());
    return new ClassicResult(out, recipe);
  }

  private static void requireSomethingToReplace(RepaintMask repaint, Target target) {
    if (!repaint.isEmpty()) {
      return;
    }
    if (target.keepsSelection()) {
      throw new IllegalArgumentException("mask selects every pixel; target=" + target.id()
          + " has no background left to replace");
    }
    throw new IllegalArgumentException(
        "mask selects no pixel; target=" + target.id() + " has nothing to replace");
  }
}
