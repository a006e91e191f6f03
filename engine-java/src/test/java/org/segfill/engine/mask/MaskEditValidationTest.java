package org.segfill.engine.mask;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class MaskEditValidationTest {
  private static final List<MaskEdit.Point> ONE = List.of(new MaskEdit.Point(1, 1));

  private static String message(Executable e) {
    return assertThrows(IllegalArgumentException.class, e).getMessage();
  }

  @Test
  void morphAndFeatherRanges() {
    assertEquals("Grow.px must be in [0, 4096], got -1", message(() -> new MaskEdit.Grow(-1)));
    assertEquals("Grow.px must be in [0, 4096], got 4097", message(() -> new MaskEdit.Grow(4097)));
    assertEquals("Shrink.px must be in [0, 4096], got -3", message(() -> new MaskEdit.Shrink(-3)));
    assertEquals("Shrink.px must be in [0, 4096], got 5000",
        message(() -> new MaskEdit.Shrink(5000)));
    assertEquals("Feather.px must be in [0, 255], got 256",
        message(() -> new MaskEdit.Feather(256)));
    assertEquals("Feather.px must be in [0, 255], got -1", message(() -> new MaskEdit.Feather(-1)));
    // The bounds themselves are accepted.
    assertEquals(4096, new MaskEdit.Grow(4096).px());
    assertEquals(0, new MaskEdit.Shrink(0).px());
    assertEquals(255, new MaskEdit.Feather(255).px());
  }

  @Test
  void strokeChecks() {
    MaskEdit.StrokeMode add = MaskEdit.StrokeMode.ADD;
    assertEquals("Stroke.radius must be in (0, 4096], got 0.0",
        message(() -> new MaskEdit.Stroke(add, 0f, ONE)));
    assertEquals("Stroke.radius must be in (0, 4096], got 4096.5",
        message(() -> new MaskEdit.Stroke(add, 4096.5f, ONE)));
    assertEquals("Stroke.radius must be in (0, 4096], got NaN",
        message(() -> new MaskEdit.Stroke(add, Float.NaN, ONE)));
    assertEquals("Stroke.points must hold at least 1 point, got 0",
        message(() -> new MaskEdit.Stroke(add, 3f, List.of())));
    assertEquals("Stroke.points must not be null",
        message(() -> new MaskEdit.Stroke(add, 3f, null)));
    assertEquals("Stroke.points[1] must not be null",
        message(() -> new MaskEdit.Stroke(add, 3f, Arrays.asList(new MaskEdit.Point(0, 0), null))));
    assertEquals("Stroke.mode must not be null",
        message(() -> new MaskEdit.Stroke(null, 3f, ONE)));
    assertEquals("Point.x must be finite, got NaN", message(() -> new MaskEdit.Point(Float.NaN, 0)));
    assertEquals("Point.y must be finite, got Infinity",
        message(() -> new MaskEdit.Point(0, Float.POSITIVE_INFINITY)));
    assertEquals(4096f, new MaskEdit.Stroke(add, 4096f, ONE).radius());
  }

  @Test
  void removeSpecksRange() {
    assertEquals("RemoveSpecks.minArea must be in [1, width * height], got 0",
        message(() -> new MaskEdit.RemoveSpecks(0)));
    MaskEditor editor = new MaskEditor();
    try (Mask m = Mask.blank(10, 5)) {
      assertEquals("RemoveSpecks.minArea must be in [1, width * height = 50], got 51",
          message(() -> editor.apply(m, List.of(new MaskEdit.RemoveSpecks(51)))));
      try (Mask ok = editor.apply(m, List.of(new MaskEdit.RemoveSpecks(50)))) {
        assertEquals(0, ok.area());
      }
    }
  }

  @Test
  void editorArguments() {
    MaskEditor editor = new MaskEditor();
    try (Mask m = Mask.blank(4, 4)) {
      assertEquals("edits[1] must not be null",
          message(() -> editor.apply(m, Arrays.asList(new MaskEdit.Invert(), null))));
      assertEquals("edits must not be null", message(() -> editor.apply(m, null)));
      assertEquals("mask must not be null", message(() -> editor.apply(null, List.of())));
    }
  }
}
