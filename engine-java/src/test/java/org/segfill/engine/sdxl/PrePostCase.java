package org.segfill.engine.sdxl;

import java.util.List;
import java.util.SplittableRandom;
import org.segfill.engine.image.RgbImage;
import org.segfill.engine.inpaint.Fixtures;
import org.segfill.engine.inpaint.HostRepaintMask;
import org.segfill.engine.inpaint.PixelRect;
import org.segfill.engine.inpaint.RepaintMask;
import org.segfill.engine.inpaint.RepaintShape;
import org.segfill.engine.inpaint.Target;
import org.segfill.engine.mask.Mask;

/**
 * One generation's pre- and post-processing inputs on random images and masks of odd sizes: the
 * window padded around the repaint bounds (or the whole image), a bucket smaller, larger or the
 * same size as the window, and a decoded batch with a few values outside [-1, 1] and a NaN.
 */
record PrePostCase(String name, RgbImage image, RepaintMask repaint, PixelRect window,
    SdxlBuckets.Size bucket, float[] decoded, int batch) {

  /** The cases every place test runs. */
  static List<PrePostCase> all() {
    return List.of(
        of("downscale 97x61", 97, 61, Target.REMOVE, 5, 64, 40, 1),
        of("tall 33x129", 33, 129, Target.SUBJECT, 2, 24, 96, 2),
        of("same size 48x40", 48, 40, Target.BACKGROUND, -1, 48, 40, 3),
        of("upscale 150x91", 150, 91, Target.REMOVE, 9, 200, 120, 4));
  }

  /** A case; {@code pad} &lt; 0 takes the whole image as the window. */
  static PrePostCase of(String name, int w, int h, Target target, int pad, int bw, int bh,
      long seed) {
    RgbImage image = Fixtures.texture(w, h, seed);
    RepaintMask repaint;
    try (Mask selection = Mask.of(w, h, Fixtures.randomSelection(w, h, seed))) {
      repaint = HostRepaintMask.build(selection, target, RepaintShape.DEFAULT);
    }
    PixelRect window = pad < 0 ? PixelRect.of(w, h) : repaint.bounds().padded(pad, w, h);
    int batch = 2;
    float[] decoded = new float[batch * 3 * bw * bh];
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < decoded.length; i++) {
      decoded[i] = (float) (random.nextDouble() * 2.4 - 1.2);
    }
    decoded[decoded.length / 3] = Float.NaN;
    return new PrePostCase(name, image, repaint, window, new SdxlBuckets.Size(bw, bh), decoded,
        batch);
  }

  @Override
  public String toString() {
    return name;
  }
}
