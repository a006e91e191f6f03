package org.segfill.engine.sdxl;

import java.util.ArrayList;
import java.util.List;
import org.segfill.engine.image.RgbImage;
import org.segfill.engine.inpaint.PasteBack;
import org.segfill.engine.inpaint.PixelRect;
import org.segfill.engine.inpaint.RepaintMask;
import org.segfill.kernels.ImageKernels;
import org.segfill.kernels.MaskKernels;
import org.segfill.place.KernelPlace;
import org.segfill.place.PlaceBuffer;

/**
 * The post-processing of model contract B9 and part 0 on a {@link KernelPlace}: each decoded
 * variant goes from the VAE's [-1, 1] tensor to RGB bytes, is Lanczos-resized back to the
 * window, optionally colour-matched ({@link ColorMatch}, on the host), and blended into the
 * original through the repaint alpha, so kept pixels keep their bytes exactly. The decoded batch,
 * the original and the window's alpha are uploaded once; each composite comes back once.
 */
final class VariantComposer {

  private final KernelPlace place;
  private final RgbImage original;
  private final RepaintMask repaint;
  private final PixelRect window;
  private final boolean colorMatch;
  private final ImageKernels imageKernels;
  private final MaskKernels maskKernels;

  /**
   * A composer pasting into {@code window} of {@code original} through {@code repaint}'s alpha.
   *
   * @throws IllegalArgumentException when the window is empty or cannot be pasted (see {@link
   *     PasteBack#requireComposable})
   */
  VariantComposer(KernelPlace place, RgbImage original, RepaintMask repaint, PixelRect window,
      boolean colorMatch) {
    PasteBack.requireComposable(original, repaint, window);
    if (place == null || window.isEmpty()) {
      throw new IllegalArgumentException("place must not be null and the window not empty");
    }
    this.place = place;
    this.original = original;
    this.repaint = repaint;
    this.window = window;
    this.colorMatch = colorMatch;
    this.imageKernels = new ImageKernels(place.target());
    this.maskKernels = new MaskKernels(place.target());
  }

  /**
   * The full-size composites of the first {@code batch} images of {@code decoded}, the VAE
   * decoder's [batch,3,height,width] output.
   */
  List<RgbImage> compose(float[] decoded, int batch, int width, int height) {
    int imageFloats = Math.multiplyExact(3, Math.multiplyExact(width, height));
    if (decoded == null || batch < 1 || decoded.length < (long) batch * imageFloats) {
      throw new IllegalArgumentException("decoded must hold " + batch + " images of 3x" + height
          + "x" + width + " floats");
    }
    int ww = window.width();
    int wh = window.height();
    boolean resize = ww != width || wh != height;
    int w = original.width();
    byte[] windowAlpha = window.crop(repaint.alpha(), w, 1);
    byte[] windowOriginal = colorMatch ? window.crop(original.rgb(), w, 3) : null;
    List<RgbImage> composites = new ArrayList<>(batch);
    // Every buffer outlives the downloads, which wait for all the work queued before them; the
    // buffers reused by each variant are ordered by the place's stream.
    try (PlaceBuffer tensors = place.upload(decoded);
        PlaceBuffer originalRgb = place.upload(original.rgb());
        PlaceBuffer alpha = place.upload(windowAlpha);
        PlaceBuffer generated = place.allocate(imageFloats);
        PlaceBuffer fitted = place.allocate(3L * ww * wh);
        PlaceBuffer workspace = place.allocate(Math.max(1, ImageKernels.resampleWorkspaceBytes(
            width, height, ww, wh, 3, ImageKernels.Filter.LANCZOS3)));
        PlaceBuffer composite = place.allocate(original.rgb().length)) {
      for (int v = 0; v < batch; v++) {
        imageKernels.tensorToImage(tensors.floats().position((long) v * imageFloats), width,
            height, generated.bytes());
        // Like PIL (and Resampler), a resize to the same size is a copy: skip it.
        PlaceBuffer windowRgb = resize ? fitted : generated;
        if (resize) {
          imageKernels.resample(generated.bytes(), width, height, 3, fitted.bytes(), ww, wh,
              ImageKernels.Filter.LANCZOS3, workspace.bytes());
        }
        if (colorMatch) {
          byte[] rgb = new byte[3 * ww * wh];
          place.download(windowRgb, rgb);
          ColorMatch.apply(rgb, windowOriginal, windowAlpha);
          try (PlaceBuffer matched = place.upload(rgb)) {
            composites.add(paste(originalRgb, matched, alpha, composite));
          }
        } else {
          composites.add(paste(originalRgb, windowRgb, alpha, composite));
        }
      }
    }
    return composites;
  }

  // Blends into a separate buffer, so the uploaded original serves every variant.
  private RgbImage paste(PlaceBuffer originalRgb, PlaceBuffer windowRgb, PlaceBuffer alpha,
      PlaceBuffer composite) {
    int w = original.width();
    int h = original.height();
    maskKernels.blend(originalRgb.bytes(), w, h, 3, windowRgb.bytes(), alpha.bytes(), window.x(),
        window.y(), window.width(), window.height(), composite.bytes());
    byte[] rgb = new byte[original.rgb().length];
    place.download(composite, rgb);
    return new RgbImage(w, h, rgb);
  }
}
