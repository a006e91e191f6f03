package org.segfill.engine.inpaint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.segfill.engine.image.RgbImage;

class BackgroundSpecTest {
  private static final Function<String, RgbImage> NO_IMAGES = id -> null;

  @Test
  void parsesColoursInEitherCaseAndPrintsLowercase() {
    BackgroundSpec spec = BackgroundSpec.parse("#00fF7a", NO_IMAGES);
    assertEquals(new BackgroundSpec.Color(0, 255, 122), spec);
    assertEquals("#00ff7a", spec.text());
    assertEquals(new BackgroundSpec.Color(255, 255, 255), BackgroundSpec.parse("#FFFFFF", null));
  }

  @Test
  void parsesBlurRadiiAtBothEndsOfTheRange() {
    assertEquals(new BackgroundSpec.Blur(1), BackgroundSpec.parse("blur:1", NO_IMAGES));
    BackgroundSpec.Blur max = (BackgroundSpec.Blur) BackgroundSpec.parse("blur:200", NO_IMAGES);
    assertEquals(200, max.radius());
    assertEquals(200 / 3.0, max.sigma(), 0.0);
    assertEquals("blur:200", max.text());
    assertEquals("blur:25", BackgroundSpec.DEFAULT.text());
  }

  @Test
  void resolvesImageIdsThroughTheCaller() {
    RgbImage image = Fixtures.flat(4, 3, 1, 2, 3);
    List<String> asked = new ArrayList<>();
    BackgroundSpec spec = BackgroundSpec.parse("image:abc:1", id -> {
      asked.add(id);
      return image;
    });
    assertEquals(List.of("abc:1"), asked);
    BackgroundSpec.Image i = (BackgroundSpec.Image) spec;
    assertSame(image, i.image());
    assertEquals("image:abc:1", spec.text());
  }

  @Test
  void malformedValuesNameTheFieldAndTheForms() {
    String[] bad = {"", "#00ff0", "#00ff000", "00ff00", "#gg0000", "blur:", "blur:-3", "blur:2.5",
        "blur: 3", "blur:abc", "image:", "rgb(0,0,0)", "Blur:3", " #00ff00", null};
    for (String text : bad) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> BackgroundSpec.parse(text, NO_IMAGES), String.valueOf(text));
      assertTrue(e.getMessage().startsWith("background must be \"#rrggbb\""), e.getMessage());
      assertTrue(e.getMessage().contains("1..200"), e.getMessage());
    }
  }

  @Test
  void blurRadiiOutOfRangeNameTheRange() {
    for (String text : new String[] {"blur:0", "blur:201", "blur:99999999999999"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> BackgroundSpec.parse(text, NO_IMAGES));
      assertTrue(e.getMessage().startsWith("background blur radius must be in [1, 200]"),
          e.getMessage());
    }
    assertThrows(IllegalArgumentException.class, () -> new BackgroundSpec.Color(0, 256, 0));
    assertThrows(IllegalArgumentException.class, () -> new BackgroundSpec.Color(-1, 0, 0));
  }

  @Test
  void unknownImageIdsAreRefusedNamingTheField() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> BackgroundSpec.parse("image:nope", NO_IMAGES));
    assertEquals("background refers to image \"nope\", which is unknown", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> BackgroundSpec.parse("image:x", null));
  }
}
