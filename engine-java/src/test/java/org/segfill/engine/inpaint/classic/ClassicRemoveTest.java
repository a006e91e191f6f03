package org.segfill.engine.inpaint.classic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.segfill.engine.image.RgbImage;
import org.segfill.engine.inpaint.Fixtures;
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

    // Shift-map copies the flat colour (a level off at most through Lab and back) and the blend,
    // whose clip is 0 on a flat ring, shades it to the exact colour. On the object's rim, 6 px
    // inside the grown edge, the disk's curvature leaves alpha at 250: 190 levels of red times
    // 5/255 leak back, under 4 levels.
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
    assertEquals(0, worstFill, "worst fill difference");
    assertTrue(worstRim <= 4, "worst rim difference " + worstRim);
    assertEquals(new ClassicRecipe(Target.REMOVE, "shiftmap", 6, 8), result.recipe());
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

  // Telea's fill reads only a few px around the region, so a crop gave the bytes of a fill of the
  // whole photo (the test this replaces). Shift-map copies from wherever its crop offers, so
  // the crop now defines the fill: what is checked is that nothing outside it is read, that
  // it stays small for a small object, and that the same input gives the same bytes.
  @Test
  void theFillReadsOnlyItsCropAndRepeatsItself() {
    int w = 320;
    int h = 240;
    RgbImage scene = Fixtures.texture(w, h, 11);
    int[][] disks = {{170, 120, 12}, {6, 5, 9}, {310, 230, 15}};
    for (int[] d : disks) {
      byte[] object = Fixtures.disk(w, h, d[0], d[1], d[2]);
      ClassicInpaintRequest request =
          new ClassicInpaintRequest(Target.REMOVE, null, new RepaintShape(4, 6), 7);
      RgbImage got = remove(scene, object, request).image();
      assertArrayEquals(got.rgb(), remove(scene, object, request).image().rgb());

      RepaintMask rm = repaint(scene, object, request.shape());
      PixelRect crop = ShiftMapFill.plan(rm.bounds(), rm.regionArea(), w, h).crop();
      assertTrue(crop.area() < (long) w * h / 4, "crop " + crop);
      RgbImage elsewhere = Fixtures.texture(w, h, 12);
      byte[] mixed = elsewhere.rgb().clone();
      for (int y = crop.y(); y < crop.bottom(); y++) {
        int row = 3 * (y * w + crop.x());
        System.arraycopy(scene.rgb(), row, mixed, row, 3 * crop.width());
      }
      RgbImage other = remove(new RgbImage(w, h, mixed), object, request).image();
      for (int i = 0; i < w * h; i++) {
        if (rm.alpha()[i] != 0) {
          assertTrue(Fixtures.samePixel(got.rgb(), other.rgb(), i), "disk at " + d[0] + ","
              + d[1] + ": pixel " + i + " depends on pixels outside " + crop);
        }
      }
    }
  }

  @Test
  void aSelectionLeavingLittleAroundItIsStillFilledFromIt() {
    // Shift-map leaves much of this hole unreachable (every offset it tries lands in the hole)
    // and marks those pixels Lab (0, 0, 0); Telea fills them from the rest. The background is
    // speckled so that the blend's clip is not 0, which would flatten any fill to the colour.
    int w = 200;
    int h = 150;
    RgbImage scene = speckled(w, h, 3);
    byte[] object = Fixtures.rect(w, h, 10, 10, w - 20, h - 20);
    RgbImage painted = Fixtures.paint(scene, object, 250, 20, 200);
    ClassicInpaintRequest request =
        new ClassicInpaintRequest(Target.REMOVE, null, new RepaintShape(0, 0), 5);
    RgbImage got = remove(painted, object, request).image();
    int[] mean = {90, 160, 70};
    // Copied speckle stays within the speckle's range; the Lab round trip and the blend's
    // integration move a pixel by a level or two more. Unpatched, the unreachable pixels reach
    // 15 levels off even through the blend's clip.
    for (int i = 0; i < w * h; i++) {
      for (int c = 0; c < 3; c++) {
        int d = Math.abs(Fixtures.channel(got.rgb(), i, c) - mean[c]);
        assertTrue(d <= SPECKLE + 2, "pixel " + i + " channel " + c + " is off the scene by " + d);
      }
    }
  }

  private static final int SPECKLE = 8;

  /** (90, 160, 70) with each channel moved by up to {@link #SPECKLE} levels at random. */
  private static RgbImage speckled(int w, int h, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int[] mean = {90, 160, 70};
    byte[] rgb = new byte[w * h * 3];
    for (int i = 0; i < rgb.length; i++) {
      rgb[i] = (byte) (mean[i % 3] + random.nextInt(-SPECKLE, SPECKLE + 1));
    }
    return new RgbImage(w, h, rgb);
  }
}
