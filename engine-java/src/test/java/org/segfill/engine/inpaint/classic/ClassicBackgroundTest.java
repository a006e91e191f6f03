package org.segfill.engine.inpaint.classic;

import static org.bytedeco.opencv.global.opencv_core.ALGO_HINT_ACCURATE;
import static org.bytedeco.opencv.global.opencv_core.BORDER_REFLECT_101;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.api.Test;
import org.segfill.engine.image.RgbImage;
import org.segfill.engine.inpaint.BackgroundSpec;
import org.segfill.engine.inpaint.Fixtures;
import org.segfill.engine.inpaint.Target;
import org.segfill.engine.mask.Mask;

class ClassicBackgroundTest {
  private static final int W = 160;
  private static final int H = 120;
  /** The subject: columns 60..99, rows 40..79. */
  private static final byte[] SUBJECT = Fixtures.rect(W, H, 60, 40, 40, 40);

  private final ClassicInpainter inpainter = new ClassicInpainter();

  private ClassicResult run(RgbImage image, byte[] selection, Target target, BackgroundSpec bg) {
    try (Mask mask = Mask.of(image.width(), image.height(), selection)) {
      return inpainter.inpaint(image, mask, ClassicInpaintRequest.of(target, bg));
    }
  }

  /** OpenCV's own blur of the whole photo, the reference for blur backgrounds. */
  private static byte[] gaussianBlur(RgbImage image, int radius) {
    try (Mat in = Mats.of(image.width(), image.height(), 3, image.rgb());
        Mat out = new Mat();
        Size k = new Size(2 * radius + 1, 2 * radius + 1)) {
      opencv_imgproc.GaussianBlur(
          in, out, k, radius / 3.0, radius / 3.0, BORDER_REFLECT_101, ALGO_HINT_ACCURATE);
      return Mats.bytes(out);
    }
  }

  /** Pixel classes around the subject for the default grow 6 and feather 8. */
  private static final class Zones {
    final int[] toSubject = Fixtures.chebyshevDistance(SUBJECT, W, H);
    final int[] toOutside = Fixtures.chebyshevDistance(Fixtures.complement(SUBJECT), W, H);

    /** Outside the subject, farther than the feather: its window never touches the subject. */
    boolean far(int i) {
      return toSubject[i] > 8;
    }

    /** Inside the subject, deeper than grow + feather: alpha 0. */
    boolean core(int i) {
      return toOutside[i] > 6 + 8;
    }
  }

  @Test
  void colourFillsTheBackgroundAndKeepsTheSubjectCore() {
    RgbImage photo = Fixtures.texture(W, H, 3);
    BackgroundSpec green = new BackgroundSpec.Color(0, 255, 0);
    ClassicResult result = run(photo, SUBJECT, Target.BACKGROUND, green);
    byte[] out = result.image().rgb();
    Zones z = new Zones();
    int far = 0;
    int core = 0;
    for (int i = 0; i < W * H; i++) {
      if (z.far(i)) {
        assertEquals(0, Fixtures.channel(out, i, 0));
        assertEquals(255, Fixtures.channel(out, i, 1));
        assertEquals(0, Fixtures.channel(out, i, 2));
        far++;
      }
      if (z.core(i)) {
        assertTrue(Fixtures.samePixel(photo.rgb(), out, i), "core pixel " + i);
        core++;
      }
    }
    assertEquals(W * H - 56 * 56, far);
    assertEquals(12 * 12, core);
    assertEquals("#00ff00", result.recipe().fill());
    assertEquals(Target.BACKGROUND, result.recipe().target());
    assertEquals("classic", result.recipe().engine());
  }

  @Test
  void defaultBackgroundIsBlur25AndEqualsOpenCvsBlurFarFromTheSubject() {
    RgbImage photo = Fixtures.texture(W, H, 4);
    ClassicResult result = run(photo, SUBJECT, Target.BACKGROUND, null);
    assertEquals("blur:25", result.recipe().fill());
    byte[] blurred = gaussianBlur(photo, 25);
    byte[] out = result.image().rgb();
    Zones z = new Zones();
    int far = 0;
    int differs = 0;
    for (int i = 0; i < W * H; i++) {
      if (z.far(i)) {
        assertTrue(Fixtures.samePixel(blurred, out, i), "far pixel " + i);
        far++;
        differs += Fixtures.samePixel(photo.rgb(), out, i) ? 0 : 1;
      }
      if (z.core(i)) {
        assertTrue(Fixtures.samePixel(photo.rgb(), out, i), "core pixel " + i);
      }
    }
    assertEquals(W * H - 56 * 56, far);
    assertTrue(differs > 0.9 * far, "the blur must change the noise: " + differs);
  }

  @Test
  void theLargestBlurStillMatchesOnAPhotoSmallerThanItsKernel() {
    RgbImage photo = Fixtures.texture(W, H, 5);
    ClassicResult result = run(photo, SUBJECT, Target.BACKGROUND, new BackgroundSpec.Blur(200));
    byte[] blurred = gaussianBlur(photo, 200);
    Zones z = new Zones();
    for (int i = 0; i < W * H; i++) {
      if (z.far(i)) {
        assertTrue(Fixtures.samePixel(blurred, result.image().rgb(), i), "far pixel " + i);
      }
    }
  }

  @Test
  void subjectBlurMatchesTheWholePhotosBlurInsideAndKeepsTheRest() {
    // A larger photo, so the subject's blur works on a crop well inside it.
    int w = 300;
    int h = 220;
    byte[] subject = Fixtures.rect(w, h, 140, 90, 40, 30);
    RgbImage photo = Fixtures.texture(w, h, 6);
    ClassicResult result;
    try (Mask mask = Mask.of(w, h, subject)) {
      result = inpainter.inpaint(
          photo, mask, ClassicInpaintRequest.of(Target.SUBJECT, new BackgroundSpec.Blur(10)));
    }
    byte[] blurred = gaussianBlur(photo, 10);
    int[] toSubject = Fixtures.chebyshevDistance(subject, w, h);
    int[] toOutside = Fixtures.chebyshevDistance(Fixtures.complement(subject), w, h);
    int inner = 0;
    int kept = 0;
    for (int i = 0; i < w * h; i++) {
      if (toOutside[i] > 8) {
        assertTrue(Fixtures.samePixel(blurred, result.image().rgb(), i), "inner pixel " + i);
        inner++;
      }
      if (toSubject[i] > 6 + 8) {
        assertTrue(Fixtures.samePixel(photo.rgb(), result.image().rgb(), i), "kept pixel " + i);
        kept++;
      }
    }
    assertEquals((40 - 16) * (30 - 16), inner);
    assertEquals(w * h - (40 + 28) * (30 + 28), kept);
    assertEquals(new ClassicRecipe(Target.SUBJECT, "blur:10", 6, 8), result.recipe());
  }

  @Test
  void imageBackgroundIsCroppedFromTheCentreAtTheSameScale() {
    int w = 100;
    int h = 100;
    // A 200x100 gradient: red = x, green = 2y. Covering 100x100 keeps its middle 100 columns.
    byte[] rgb = new byte[200 * 100 * 3];
    for (int y = 0; y < 100; y++) {
      for (int x = 0; x < 200; x++) {
        int i = 3 * (y * 200 + x);
        rgb[i] = (byte) x;
        rgb[i + 1] = (byte) (2 * y);
        rgb[i + 2] = 7;
      }
    }
    RgbImage backdrop = new RgbImage(200, 100, rgb);
    byte[] subject = Fixtures.rect(w, h, 40, 40, 20, 20);
    RgbImage photo = Fixtures.texture(w, h, 8);
    ClassicResult result;
    try (Mask mask = Mask.of(w, h, subject)) {
      result = inpainter.inpaint(photo, mask, ClassicInpaintRequest.of(Target.BACKGROUND,
          new BackgroundSpec.Image("gradient", backdrop)));
    }
    int[] toSubject = Fixtures.chebyshevDistance(subject, w, h);
    int far = 0;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int i = y * w + x;
        if (toSubject[i] > 8) {
          assertEquals(x + 50, Fixtures.channel(result.image().rgb(), i, 0), "red at " + x);
          assertEquals(2 * y, Fixtures.channel(result.image().rgb(), i, 1), "green at " + y);
          assertEquals(7, Fixtures.channel(result.image().rgb(), i, 2));
          far++;
        }
      }
    }
    assertEquals(w * h - 36 * 36, far);
    assertEquals("image:gradient", result.recipe().fill());
  }

  @Test
  void imageBackgroundIsEnlargedToCoverATallPhoto() {
    // A 60x60 gradient (red = 4x, green = 4y) covering a 90x180 photo: its middle 30 columns
    // (15..44), all 60 rows, enlarged 3 times.
    byte[] rgb = new byte[60 * 60 * 3];
    for (int y = 0; y < 60; y++) {
      for (int x = 0; x < 60; x++) {
        int i = 3 * (y * 60 + x);
        rgb[i] = (byte) (4 * x);
        rgb[i + 1] = (byte) (4 * y);
        rgb[i + 2] = 100;
      }
    }
    RgbImage backdrop = new RgbImage(60, 60, rgb);
    int w = 90;
    int h = 180;
    byte[] subject = Fixtures.rect(w, h, 40, 80, 10, 20);
    ClassicResult result;
    try (Mask mask = Mask.of(w, h, subject)) {
      result = inpainter.inpaint(Fixtures.texture(w, h, 9), mask,
          ClassicInpaintRequest.of(Target.BACKGROUND, new BackgroundSpec.Image("g", backdrop)));
    }
    int[] toSubject = Fixtures.chebyshevDistance(subject, w, h);
    int checked = 0;
    // Bilinear sampling: output pixel x samples source column 15 + (x + 0.5) / 3 - 0.5; away
    // from the crop's first and last pixel that is a linear gradient, exact to OpenCV's 11-bit
    // interpolation weights (1 level).
    for (int y = 2; y < h - 2; y++) {
      for (int x = 2; x < w - 2; x++) {
        int i = y * w + x;
        if (toSubject[i] <= 8) {
          continue;
        }
        double red = 4 * (15 + (x + 0.5) / 3 - 0.5);
        double green = 4 * ((y + 0.5) / 3 - 0.5);
        assertEquals(red, Fixtures.channel(result.image().rgb(), i, 0), 1.0, "red at " + x);
        assertEquals(green, Fixtures.channel(result.image().rgb(), i, 1), 1.0, "green at " + y);
        assertEquals(100, Fixtures.channel(result.image().rgb(), i, 2));
        checked++;
      }
    }
    assertTrue(checked > 10000, "checked " + checked);
  }

  @Test
  void subjectColourReplacesTheSelectionAndSameInputsGiveSameBytes() {
    RgbImage photo = Fixtures.texture(W, H, 10);
    BackgroundSpec grey = new BackgroundSpec.Color(128, 128, 128);
    ClassicResult a = run(photo, SUBJECT, Target.SUBJECT, grey);
    ClassicResult b = run(photo, SUBJECT, Target.SUBJECT, grey);
    assertArrayEquals(a.image().rgb(), b.image().rgb());
    Zones z = new Zones();
    for (int i = 0; i < W * H; i++) {
      if (z.toOutside[i] > 8) {
        assertEquals(128, Fixtures.channel(a.image().rgb(), i, 1));
      }
      if (z.toSubject[i] > 6 + 8) {
        assertTrue(Fixtures.samePixel(photo.rgb(), a.image().rgb(), i));
      }
    }
  }
}
