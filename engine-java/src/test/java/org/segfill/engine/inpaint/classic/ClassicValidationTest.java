package org.segfill.engine.inpaint.classic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.segfill.engine.image.RgbImage;
import org.segfill.engine.inpaint.BackgroundSpec;
import org.segfill.engine.inpaint.Fixtures;
import org.segfill.engine.inpaint.RepaintShape;
import org.segfill.engine.inpaint.Target;
import org.segfill.engine.mask.Mask;

class ClassicValidationTest {
  private final ClassicInpainter inpainter = new ClassicInpainter();
  private final RgbImage photo = Fixtures.texture(64, 48, 1);

  private Exception refused(Class<? extends Exception> type, byte[] selection, int w, int h,
      ClassicInpaintRequest request) {
    try (Mask mask = Mask.of(w, h, selection)) {
      return assertThrows(type, () -> inpainter.inpaint(photo, mask, request));
    }
  }

  @Test
  void maskOfAnotherSizeNamesBothSizes() {
    Exception e = refused(IllegalArgumentException.class, new byte[63 * 48], 63, 48,
        ClassicInpaintRequest.of(Target.REMOVE, null));
    assertEquals("mask is 63x48 but the image is 64x48; the mask must have the image's size",
        e.getMessage());
  }

  @Test
  void subjectWithoutABackgroundNeedsTheSdxlBundle() {
    byte[] selection = Fixtures.rect(64, 48, 10, 10, 5, 5);
    Exception e = refused(UnsupportedOperationException.class, selection, 64, 48,
        ClassicInpaintRequest.of(Target.SUBJECT, null));
    assertTrue(e.getMessage().contains("text-guided generation, which needs the SDXL inpainting "
        + "bundle"), e.getMessage());
  }

  @Test
  void emptyOrFullSelectionsLeaveNothingToDo() {
    Exception e = refused(IllegalArgumentException.class, new byte[64 * 48], 64, 48,
        ClassicInpaintRequest.of(Target.REMOVE, null));
    assertEquals("mask selects no pixel; target=remove has nothing to replace", e.getMessage());
    byte[] all = Fixtures.rect(64, 48, 0, 0, 64, 48);
    e = refused(IllegalArgumentException.class, all, 64, 48,
        ClassicInpaintRequest.of(Target.BACKGROUND, null));
    assertEquals("mask selects every pixel; target=background has no background left to replace",
        e.getMessage());
    e = refused(IllegalArgumentException.class, all, 64, 48,
        ClassicInpaintRequest.of(Target.REMOVE, null));
    assertTrue(e.getMessage().startsWith("mask, grown by maskGrow, covers the whole image"));
    // Grown by 6 px, a selection missing only 5 px at the left and right covers the whole image.
    byte[] almost = Fixtures.rect(64, 48, 5, 0, 54, 48);
    e = refused(IllegalArgumentException.class, almost, 64, 48,
        ClassicInpaintRequest.of(Target.REMOVE, null));
    assertTrue(e.getMessage().startsWith("mask, grown by maskGrow, covers the whole image"));
  }

  @Test
  void requestFieldsNameThemselves() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ClassicInpaintRequest(Target.REMOVE, null, RepaintShape.DEFAULT, 0));
    assertEquals("inpaintRadius must be in [1, 32], got 0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new ClassicInpaintRequest(Target.REMOVE, null, RepaintShape.DEFAULT, 33));
    assertEquals("inpaintRadius must be in [1, 32], got 33", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> ClassicInpaintRequest.of(Target.REMOVE, new BackgroundSpec.Color(1, 2, 3)));
    assertEquals("background applies to target background or subject, not remove; got #010203",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new ClassicInpaintRequest(null, null, RepaintShape.DEFAULT, 5));
    assertEquals("target must not be null", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> ClassicInpaintRequest.of(Target.BACKGROUND, new BackgroundSpec.Blur(201)));
    assertTrue(e.getMessage().startsWith("background blur radius must be in [1, 200]"));
    e = assertThrows(IllegalArgumentException.class,
        () -> new ClassicInpaintRequest(Target.REMOVE, null, new RepaintShape(257, 8), 5));
    assertEquals("maskGrow must be in [0, 256], got 257", e.getMessage());
  }

  @Test
  void defaultsFollowTheContract() {
    ClassicInpaintRequest background = ClassicInpaintRequest.of(Target.BACKGROUND, null);
    assertEquals(new BackgroundSpec.Blur(25), background.background());
    assertEquals(new RepaintShape(6, 8), background.shape());
    assertEquals(5, background.inpaintRadius());
    assertEquals(null, ClassicInpaintRequest.of(Target.SUBJECT, null).background());
  }
}
