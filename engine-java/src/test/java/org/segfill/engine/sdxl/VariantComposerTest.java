package org.segfill.engine.sdxl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.segfill.engine.image.RgbImage;
import org.segfill.engine.inpaint.PixelRect;
import org.segfill.place.KernelPlace;

/** The composites made on the CPU place equal the host-made ones exactly. */
class VariantComposerTest {

  static Iterable<PrePostCase> cases() {
    return PrePostCase.all();
  }

  private static List<RgbImage> onPlace(PrePostCase c, boolean colorMatch) {
    return new VariantComposer(KernelPlace.cpu(), c.image(), c.repaint(), c.window(), colorMatch)
        .compose(c.decoded(), c.batch(), c.bucket().width(), c.bucket().height());
  }

  private static List<RgbImage> onHost(PrePostCase c, boolean colorMatch) {
    return HostPrePost.composites(c.decoded(), c.batch(), c.bucket().width(),
        c.bucket().height(), c.image(), c.repaint(), c.window(), colorMatch);
  }

  @ParameterizedTest
  @MethodSource("cases")
  void equalTheHostMadeCompositesWithAndWithoutColourMatch(PrePostCase c) {
    for (boolean colorMatch : new boolean[] {false, true}) {
      List<RgbImage> want = onHost(c, colorMatch);
      List<RgbImage> got = onPlace(c, colorMatch);
      assertEquals(c.batch(), got.size());
      for (int v = 0; v < c.batch(); v++) {
        String label = c + " colorMatch=" + colorMatch + " variant " + v;
        assertEquals(c.image().width(), got.get(v).width(), label);
        assertEquals(c.image().height(), got.get(v).height(), label);
        assertArrayEquals(want.get(v).rgb(), got.get(v).rgb(), label);
      }
    }
  }

  // Guards the comparison above: variants differ, pasting changes pixels, the colour match
  // changes some.
  @Test
  void theCasesExerciseThePasteAndTheColourMatch() {
    PrePostCase c = PrePostCase.all().get(0);
    List<RgbImage> plain = onHost(c, false);
    List<RgbImage> matched = onHost(c, true);
    assertFalse(Arrays.equals(c.image().rgb(), plain.get(0).rgb()));
    assertFalse(Arrays.equals(plain.get(0).rgb(), plain.get(1).rgb()));
    assertFalse(Arrays.equals(plain.get(0).rgb(), matched.get(0).rgb()));
  }

  @Test
  void refusesBadSizesBeforeAnyKernelRuns() {
    PrePostCase c = PrePostCase.all().get(0);
    VariantComposer composer =
        new VariantComposer(KernelPlace.cpu(), c.image(), c.repaint(), c.window(), false);
    int bw = c.bucket().width();
    int bh = c.bucket().height();
    assertThrows(IllegalArgumentException.class,
        () -> composer.compose(new float[3 * bw * bh], 2, bw, bh));
    assertThrows(IllegalArgumentException.class,
        () -> composer.compose(c.decoded(), 0, bw, bh));
    PixelRect tooSmall = new PixelRect(c.window().x(), c.window().y(), 1, 1);
    assertThrows(IllegalArgumentException.class,
        () -> new VariantComposer(KernelPlace.cpu(), c.image(), c.repaint(), tooSmall, false));
  }
}
