package org.segfill.engine.inpaint.classic;

import static org.bytedeco.opencv.global.opencv_core.ALGO_HINT_ACCURATE;
import static org.bytedeco.opencv.global.opencv_core.BORDER_REFLECT_101;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.api.Test;
import org.segfill.engine.image.RgbImage;
import org.segfill.engine.inpaint.BackgroundSpec;
import org.segfill.engine.inpaint.Fixtures;
import org.segfill.engine.inpaint.PixelRect;

class BackdropFillTest {
  @Test
  void blurOfARectEqualsTheWholePhotosBlurThere() {
    RgbImage photo = Fixtures.texture(200, 150, 12);
    int radius = 12;
    byte[] whole;
    try (Mat in = Mats.of(200, 150, 3, photo.rgb());
        Mat out = new Mat();
        Size k = new Size(2 * radius + 1, 2 * radius + 1)) {
      opencv_imgproc.GaussianBlur(in, out, k, radius / 3.0, radius / 3.0, BORDER_REFLECT_101,
          ALGO_HINT_ACCURATE);
      whole = Mats.bytes(out);
    }
    PixelRect[] rects = {new PixelRect(80, 60, 30, 20), new PixelRect(0, 0, 17, 9),
        new PixelRect(190, 140, 10, 10), new PixelRect(5, 70, 190, 3), PixelRect.of(200, 150)};
    for (PixelRect rect : rects) {
      byte[] got = BackdropFill.render(new BackgroundSpec.Blur(radius), photo, rect);
      assertArrayEquals(rect.crop(whole, 200, 3), got, rect.toString());
    }
  }

  @Test
  void colourAndImageFillTheRect() {
    RgbImage photo = Fixtures.texture(20, 10, 13);
    PixelRect rect = new PixelRect(3, 2, 2, 1);
    assertArrayEquals(new byte[] {9, 8, 7, 9, 8, 7},
        BackdropFill.render(new BackgroundSpec.Color(9, 8, 7), photo, rect));
    // A backdrop of the photo's size is used as it is.
    RgbImage other = Fixtures.texture(20, 10, 14);
    assertArrayEquals(rect.crop(other.rgb(), 20, 3),
        BackdropFill.render(new BackgroundSpec.Image("o", other), photo, rect));
  }
}
