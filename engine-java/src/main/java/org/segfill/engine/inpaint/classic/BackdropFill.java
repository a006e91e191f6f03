package org.segfill.engine.inpaint.classic;

import static org.bytedeco.opencv.global.opencv_core.ALGO_HINT_ACCURATE;
import static org.bytedeco.opencv.global.opencv_core.BORDER_REFLECT_101;

import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.segfill.engine.image.RgbImage;
import org.segfill.engine.inpaint.BackgroundSpec;
import org.segfill.engine.inpaint.PixelRect;

/** Renders a {@link BackgroundSpec}'s pixels over a rectangle of the photo. */
final class BackdropFill {
  private BackdropFill() {}

  /** The spec's pixels at {@code rect} of a photo the size of {@code image}, row-major RGB. */
  static byte[] render(BackgroundSpec spec, RgbImage image, PixelRect rect) {
    if (spec instanceof BackgroundSpec.Color c) {
      return color(c, rect);
    } else if (spec instanceof BackgroundSpec.Blur b) {
      return blur(b, image, rect);
    } else if (spec instanceof BackgroundSpec.Image i) {
      byte[] cover = CoverResize.render(i.image(), image.width(), image.height());
      return cut(rect, cover, image.width(), image.height());
    }
    throw new IllegalStateException("unknown background " + spec);
  }

  private static byte[] color(BackgroundSpec.Color c, PixelRect rect) {
    byte[] out = new byte[(int) rect.area() * 3];
    for (int i = 0; i < out.length; i += 3) {
      out[i] = (byte) c.red();
      out[i + 1] = (byte) c.green();
      out[i + 2] = (byte) c.blue();
    }
    return out;
  }

  /**
   * OpenCV's GaussianBlur of the original (kernel 2r + 1, sigma r / 3, reflected borders) at
   * {@code rect}. It blurs rect plus r px of context, clipped to the photo: where the context is
   * clipped it is the photo's own border, reflected exactly as a blur of the whole photo reflects
   * it, so the pixels equal that blur's while a small rect costs only its neighbourhood.
   */
  private static byte[] blur(BackgroundSpec.Blur b, RgbImage image, PixelRect rect) {
    int r = b.radius();
    PixelRect context = rect.padded(r, image.width(), image.height());
    byte[] src = cut(context, image.rgb(), image.width(), image.height());
    byte[] blurred;
    try (Mat in = Mats.of(context.width(), context.height(), 3, src);
        Mat out = new Mat();
        Size kernel = new Size(2 * r + 1, 2 * r + 1)) {
      // ACCURATE refuses the faster approximations an OpenCV build's HAL may offer, so the same
      // recipe gives the same bytes on every machine.
      opencv_imgproc.GaussianBlur(
          in, out, kernel, b.sigma(), b.sigma(), BORDER_REFLECT_101, ALGO_HINT_ACCURATE);
      blurred = Mats.bytes(out);
    }
    PixelRect inner = new PixelRect(
        rect.x() - context.x(), rect.y() - context.y(), rect.width(), rect.height());
    return cut(inner, blurred, context.width(), context.height());
  }

  /**
   * {@code rect} of a w x h RGB array, to read only. {@code target=background} usually repaints
   * up to the photo's edges, and a full-size copy of a 40 MP photo is 120 MB, so a rect covering
   * the whole array returns the array itself.
   */
  private static byte[] cut(PixelRect rect, byte[] rgb, int w, int h) {
    return rect.equals(PixelRect.of(w, h)) ? rgb : rect.crop(rgb, w, 3);
  }
}
