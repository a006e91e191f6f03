package org.segfill.engine.sam;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.junit.jupiter.api.Test;
import org.segfill.engine.backend.Tensor;
import org.segfill.engine.image.RgbImage;
import org.segfill.kernels.ImageKernels;
import org.segfill.kernels.KernelTarget;
import org.segfill.kernels.MaskKernels;
import org.segfill.place.KernelPlace;

/**
 * SAM pre- and post-processing through {@link KernelPlace#cpu()} against the kernels called
 * directly on host pointers, bit for bit: the place's uploads, workspace, plane offsets and
 * downloads must not change a single value.
 */
class KernelStepsOnCpuPlaceTest {

  private static final int INPUT = 3 * SamFrame.SIDE * SamFrame.SIDE;

  private final SamSteps steps = SamSteps.standard(KernelPlace.cpu());

  @Test
  void preprocessEqualsTheDirectKernelCall() {
    long seed = 70;
    for (int[] s : SamStepsData.SIZES) {
      RgbImage image = SamStepsData.image(s[0], s[1], seed++);
      Tensor input = steps.preprocess().toInput(image, SamFrame.of(s[0], s[1]));
      String label = s[0] + "x" + s[1];
      assertArrayEquals(new long[] {1, 3, SamFrame.SIDE, SamFrame.SIDE}, input.shape(), label);
      // assertArrayEquals on floats compares bit patterns (+0 and -0 differ).
      assertArrayEquals(directPreprocess(image), input.toFloatArray(), label);
    }
  }

  @Test
  void postprocessEqualsTheDirectKernelCallForEveryPlane() {
    long seed = 80;
    for (int[] s : SamStepsData.SIZES) {
      float[][] planes = SamStepsData.logits(3, seed++);
      SamFrame frame = SamFrame.of(s[0], s[1]);
      byte[][] masks = steps.postprocess().toMasks(planes, frame);
      assertEquals(planes.length, masks.length);
      for (int i = 0; i < planes.length; i++) {
        assertArrayEquals(directPostprocess(planes[i], frame), masks[i],
            s[0] + "x" + s[1] + " plane " + i);
      }
    }
  }

  @Test
  void theTestPlanesGiveDistinctMasks() {
    // Guards the test above: if the planes gave equal masks, a plane mix-up would pass it.
    SamFrame frame = SamFrame.of(1537, 913);
    byte[][] masks = steps.postprocess().toMasks(SamStepsData.logits(3, 80), frame);
    assertFalse(Arrays.equals(masks[0], masks[1]));
    assertFalse(Arrays.equals(masks[1], masks[2]));
  }

  @Test
  void noPlanesGiveNoMasks() {
    assertEquals(0, steps.postprocess().toMasks(new float[0][], SamFrame.of(5, 5)).length);
  }

  @Test
  void sizesAreCheckedBeforeNativeCode() {
    float[][] planes = SamStepsData.logits(2, 1);
    planes[1] = new float[MaskLogits.SIDE * MaskLogits.SIDE - 1];
    IllegalArgumentException shortPlane = assertThrows(IllegalArgumentException.class,
        () -> steps.postprocess().toMasks(planes, SamFrame.of(5, 5)));
    assertEquals("lowResLogits[1]: 65536 values (256x256) expected, found 65535",
        shortPlane.getMessage());
    RgbImage image = SamStepsData.image(6, 4, 2);
    IllegalArgumentException otherFrame = assertThrows(IllegalArgumentException.class,
        () -> steps.preprocess().toInput(image, SamFrame.of(4, 6)));
    assertEquals("frame: 4x6 given for a 6x4 image", otherFrame.getMessage());
  }

  private static float[] directPreprocess(RgbImage image) {
    int w = image.width();
    int h = image.height();
    try (BytePointer rgb = new BytePointer(image.rgb());
        BytePointer workspace = new BytePointer(ImageKernels.samPreprocessWorkspaceBytes(w, h));
        FloatPointer out = new FloatPointer(INPUT)) {
      new ImageKernels(KernelTarget.cpu()).samPreprocess(rgb, w, h, ImageKernels.samPixelMean(),
          ImageKernels.samPixelStd(), out, workspace);
      float[] values = new float[INPUT];
      out.get(values);
      return values;
    }
  }

  private static byte[] directPostprocess(float[] plane, SamFrame frame) {
    int n = Math.toIntExact(frame.pixels());
    try (FloatPointer logits = new FloatPointer(plane); BytePointer out = new BytePointer(n)) {
      new MaskKernels(KernelTarget.cpu()).samPostprocess(logits, frame.width(), frame.height(),
          KernelPostprocess.THRESHOLD, out);
      byte[] mask = new byte[n];
      out.get(mask);
      return mask;
    }
  }
}
