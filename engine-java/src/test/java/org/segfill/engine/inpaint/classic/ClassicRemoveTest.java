package org.segfill.engine.inpaint.classic;

import static org.bytedeco.opencv.global.opencv_photo.INPAINT_TELEA;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bytedeco.opencv.global.opencv_photo;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.segfill.engine.image.RgbImage;
import org.segfill.engine.inpaint.Fixtures;
import org.segfill.engine.inpaint.PasteBack;
import org.segfill.engine.inpaint.PixelRect;
import org.segfill.engine.inpaint.RepaintMask;
import org.segfill.engine.inpaint.RepaintShape;
import org.segfill.engine.inpaint.Target;
import org.segfill.engine.mask.Mask;

class ClassicRemoveTest {
  private final ClassicInpainter inpainter = new ClassicInpainter();

  private ClassicResult remove(RgbImage image, byte[] selection, ClassicInpaintRequest request) {
    try (Mask mask = Mask.of(image.width(), image.height(), selection)) {
      ClassicResult result = inpainter.inpaint(image, mask, request);
      assertEquals(image.width(), result.image().width());
      assertEquals(image.height(), result.image().height());
      return result;
    }
  }

  private static RepaintMask repaint(RgbImage image, byte[] selection, RepaintShape shape) {
    try (Mask mask = Mask.of(image.width(), image.height(), selection)) {
      return RepaintMask.build(mask, Target.REMOVE, shape);
    }
  }

  @Test
  void aSmallObjectOnAFlatBackgroundBecomesTheBackground() {
    int w = 160;
    int h = 120;
    byte[] object = Fixtures.disk(w, h, 80, 60, 10);
    RgbImage scene = Fixtures.paint(Fixtures.flat(w, h, 40, 120, 200), object, 230, 30, 30);
    ClassicResult result = remove(scene, object, ClassicInpaintRequest.of(Target.REMOVE, null));

    // Telea's fill of a flat colour wanders by up to 3 levels (its gradient term and rounding).
    // On the object's rim, 6 px inside the grown edge, the disk's curvature leaves alpha at 250:
    // 190 levels of red times 5/255 leak back, under 4 more levels.
    RepaintMask rm = repaint(scene, object, RepaintShape.DEFAULT);
    int[] bg = {40, 120, 200};
    int worstFill = 0;
    int worstRim = 0;
    for (int i = 0; i < w * h; i++) {
      for (int c = 0; c < 3; c++) {
        int d = Math.abs(Fixtures.channel(result.image().rgb(), i, c) - bg[c]);
        if (object[i] == 0 || rm.alpha()[i] == (byte) 255) {
          worstFill = Math.max(worstFill, d);
        } else {
          worstRim = Math.max(worstRim, d);
        }
      }
    }
    assertTrue(worstFill <= 3, "worst fill difference " + worstFill);
    assertTrue(worstRim <= 3 + 4, "worst rim difference " + worstRim);
    assertEquals(new ClassicRecipe(Target.REMOVE, "telea:5", 6, 8), result.recipe());
  }

  @Test
  void pixelsWhoseAlphaIsZeroKeepTheirBytes() {
    int w = 200;
    int h = 150;
    RgbImage scene = Fixtures.texture(w, h, 7);
    byte[] object = Fixtures.disk(w, h, 120, 70, 14);
    ClassicResult result = remove(scene, object, ClassicInpaintRequest.of(Target.REMOVE, null));
    RepaintMask rm = repaint(scene, object, RepaintShape.DEFAULT);
    int kept = 0;
    int changed = 0;
    for (int i = 0; i < w * h; i++) {
      boolean same = Fixtures.samePixel(scene.rgb(), result.image().rgb(), i);
      if (rm.alpha()[i] == 0) {
        assertTrue(same, "alpha-0 pixel " + i + " changed");
        kept++;
      } else if (!same && rm.region()[i] != 0) {
        changed++;
      }
    }
    // Everything but the disk's square reach: radius 14 + 6 + 8 px.
    assertTrue(kept >= w * h - 57 * 57, "kept " + kept);
    // The fill replaced the noise under the object.
    assertTrue(changed >= 0.9 * rm.regionArea(), changed + " of " + rm.regionArea());
  }

  @Test
  void theCropGivesTheSameBytesAsInpaintingTheWholePhoto() {
    int w = 320;
    int h = 240;
    RgbImage scene = Fixtures.texture(w, h, 11);
    int[][] disks = {{170, 120, 12}, {6, 5, 9}, {310, 230, 15}};
    for (int[] d : disks) {
      byte[] object = Fixtures.disk(w, h, d[0], d[1], d[2]);
      ClassicInpaintRequest request =
          new ClassicInpaintRequest(Target.REMOVE, null, new RepaintShape(4, 6), 7);
      RgbImage got = remove(scene, object, request).image();

      RepaintMask rm = repaint(scene, object, request.shape());
      byte[] filled;
      try (Mat in = Mats.of(w, h, 3, scene.rgb());
          Mat m = Mats.of(w, h, 1, rm.region());
          Mat out = new Mat()) {
        opencv_photo.inpaint(in, m, out, 7, INPAINT_TELEA);
        filled = Mats.bytes(out);
      }
      RgbImage whole = new PasteBack().composite(scene, rm, PixelRect.of(w, h), filled);
      assertArrayEquals(whole.rgb(), got.rgb(), "disk at " + d[0] + "," + d[1]);
      assertTrue(TeleaFill.workArea(rm.bounds(), 7, w, h).area() < (long) w * h / 4);
    }
  }
}
