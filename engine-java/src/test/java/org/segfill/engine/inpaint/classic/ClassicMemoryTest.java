package org.segfill.engine.inpaint.classic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;
import org.segfill.engine.image.RgbImage;
import org.segfill.engine.inpaint.BackgroundSpec;
import org.segfill.engine.inpaint.Fixtures;
import org.segfill.engine.inpaint.Target;
import org.segfill.engine.mask.Mask;

class ClassicMemoryTest {
  private final ClassicInpainter inpainter = new ClassicInpainter();

  private void everyTarget(RgbImage photo, byte[] selection, RgbImage backdrop) {
    try (Mask mask = Mask.of(photo.width(), photo.height(), selection)) {
      inpainter.inpaint(photo, mask, ClassicInpaintRequest.of(Target.REMOVE, null));
      inpainter.inpaint(photo, mask, ClassicInpaintRequest.of(Target.BACKGROUND, null));
      inpainter.inpaint(photo, mask,
          ClassicInpaintRequest.of(Target.BACKGROUND, new BackgroundSpec.Color(1, 2, 3)));
      inpainter.inpaint(photo, mask,
          ClassicInpaintRequest.of(Target.SUBJECT, new BackgroundSpec.Image("b", backdrop)));
    }
  }

  @Test
  void nativeMemoryReturnsToItsStartAfterRepeatedCalls() {
    RgbImage photo = Fixtures.texture(240, 180, 2);
    byte[] selection = Fixtures.disk(240, 180, 120, 90, 30);
    RgbImage backdrop = Fixtures.texture(100, 50, 3);
    // The first call loads OpenCV and the kernels, which keep what they load.
    everyTarget(photo, selection, backdrop);
    long start = Pointer.totalBytes();
    for (int i = 0; i < 5; i++) {
      everyTarget(photo, selection, backdrop);
    }
    assertEquals(start, Pointer.totalBytes());
  }
}
