package org.segfill.engine.sdxl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.segfill.place.KernelPlace;

/** The image and mask tensors built on the CPU place equal the host-built ones exactly. */
class InpaintInputsOnPlaceTest {

  static Iterable<PrePostCase> cases() {
    return PrePostCase.all();
  }

  @ParameterizedTest
  @MethodSource("cases")
  void equalTheHostBuiltTensors(PrePostCase c) {
    InpaintInputs got = InpaintInputs.of(KernelPlace.cpu(), c.image(), c.repaint(), c.window(),
        c.bucket(), SdxlSteps.standard());
    HostPrePost.Inputs want = HostPrePost.inputs(c.image(), c.repaint(), c.window(), c.bucket(),
        0f);
    assertEquals(c.bucket().width(), got.width());
    assertEquals(c.bucket().height(), got.height());
    assertArrayEquals(new long[] {1, 3, c.bucket().height(), c.bucket().width()},
        got.image().shape());
    assertArrayEquals(want.image(), got.image().toFloatArray());
    assertArrayEquals(want.maskedImage(), got.maskedImage().toFloatArray());
    assertArrayEquals(want.latentMask(), got.latentMask());
  }

  // Guards the comparison above: the cases repaint some pixels and keep others.
  @ParameterizedTest
  @MethodSource("cases")
  void theCasesMaskSomePixelsAndKeepOthers(PrePostCase c) {
    HostPrePost.Inputs want = HostPrePost.inputs(c.image(), c.repaint(), c.window(), c.bucket(),
        0f);
    int masked = 0;
    for (int i = 0; i < want.image().length; i++) {
      masked += want.image()[i] != want.maskedImage()[i] ? 1 : 0;
    }
    assertTrue(masked > 0 && masked < want.image().length, c + ": " + masked + " masked");
  }
}
