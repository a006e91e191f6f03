package org.segfill.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.segfill.kernels.MaskBinaryOpsTest.assertMessage;

import java.util.Random;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.junit.jupiter.api.Test;

/** VAE pre-processing (contract B6) on the CPU twin against the Java reference, bit for bit. */
class VaePreprocessTest {
  private final ImageKernels kernels = new ImageKernels(KernelTarget.cpu());

  @Test
  void matchesJavaReferenceExactly() {
    Random random = new Random(31);
    int[][] sizes = {
      {1500, 2250, 832, 1216}, {1024, 1024, 1024, 1024}, {33, 17, 64, 64}, {1, 1, 8, 8},
      {4000, 3, 512, 8}, {3, 4000, 8, 512}, {1537, 913, 1024, 609},
    };
    for (int[] s : sizes) {
      byte[] rgb = new byte[s[0] * s[1] * 3];
      random.nextBytes(rgb);
      float[] expected = ResampleReference.vaePreprocess(rgb, s[0], s[1], s[2], s[3]);
      float[] actual = run(rgb, s[0], s[1], s[2], s[3]);
      int mismatches = 0;
      for (int i = 0; i < expected.length; i++) {
        if (Float.floatToRawIntBits(expected[i]) != Float.floatToRawIntBits(actual[i])) {
          mismatches++;
        }
      }
      assertEquals(0, mismatches, s[0] + "x" + s[1] + " -> " + s[2] + "x" + s[3]);
    }
  }

  @Test
  void knownValuesWithoutResize() {
    byte[] rgb = {0, (byte) 255, (byte) 128, 51, 1, (byte) 254};
    float[] out = run(rgb, 2, 1, 2, 1);
    // NCHW: R plane (0, 51), G plane (255, 1), B plane (128, 254).
    assertEquals(-1.0f, out[0], 0.0f);
    assertEquals(51f / 255f * 2f - 1f, out[1], 0.0f);
    assertEquals(1.0f, out[2], 0.0f);
    assertEquals(1f / 255f * 2f - 1f, out[3], 0.0f);
    assertEquals(128f / 255f * 2f - 1f, out[4], 0.0f);
    assertEquals(254f / 255f * 2f - 1f, out[5], 0.0f);
  }

  private float[] run(byte[] rgb, int w, int h, int ow, int oh) {
    try (BytePointer in = new BytePointer(rgb);
        FloatPointer out = new FloatPointer(3L * ow * oh);
        BytePointer work = new BytePointer(ImageKernels.vaePreprocessWorkspaceBytes(w, h, ow, oh))) {
      kernels.vaePreprocess(in, w, h, out, ow, oh, work);
      return ResampleReference.floats(out, 3 * ow * oh);
    }
  }

  @Test
  void badArgumentsAreRefusedBeforeNativeCode() {
    long ws = ImageKernels.vaePreprocessWorkspaceBytes(20, 10, 16, 8);
    try (BytePointer rgb = new BytePointer(600);
        FloatPointer out = new FloatPointer(3 * 16 * 8);
        BytePointer work = new BytePointer(ws);
        BytePointer smallWork = new BytePointer(ws - 1)) {
      assertMessage("rgb holds 600 elements, needs 1200",
          () -> kernels.vaePreprocess(rgb, 20, 20, out, 16, 8, work));
      assertMessage("out holds 384 elements, needs 768",
          () -> kernels.vaePreprocess(rgb, 20, 10, out, 16, 16, work));
      assertMessage("workspace holds " + (ws - 1),
          () -> kernels.vaePreprocess(rgb, 20, 10, out, 16, 8, smallWork));
      assertMessage("outW must be in [1, 65536], got 0",
          () -> kernels.vaePreprocess(rgb, 20, 10, out, 0, 8, work));
      assertMessage("h must be in [1, 65536], got -2",
          () -> kernels.vaePreprocess(rgb, 20, -2, out, 16, 8, work));
      assertMessage("rgb must not be null",
          () -> kernels.vaePreprocess(null, 20, 10, out, 16, 8, work));
      assertMessage("workspace must not be null",
          () -> kernels.vaePreprocess(rgb, 20, 10, out, 16, 8, null));
      assertMessage("outH must be in [1, 65536], got 0",
          () -> ImageKernels.vaePreprocessWorkspaceBytes(20, 10, 16, 0));
    }
  }
}
