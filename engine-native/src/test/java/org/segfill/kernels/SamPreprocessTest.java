package org.segfill.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.segfill.kernels.MaskBinaryOpsTest.assertMessage;

import java.util.Random;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.junit.jupiter.api.Test;

/** SAM pre-processing (contract A2) on the CPU twin against the Java reference, bit for bit. */
class SamPreprocessTest {
  private static final int PLANE = 1024 * 1024;
  private final ImageKernels kernels = new ImageKernels(KernelTarget.cpu());

  @Test
  void resizedSizeFollowsTheContract() {
    assertEquals(new ImageKernels.Size(683, 1024), ImageKernels.samResizedSize(1500, 2250));
    assertEquals(new ImageKernels.Size(1024, 608), ImageKernels.samResizedSize(1537, 913));
    assertEquals(new ImageKernels.Size(512, 1024), ImageKernels.samResizedSize(640, 1280));
    assertEquals(new ImageKernels.Size(1024, 1024), ImageKernels.samResizedSize(1, 1));
    assertEquals(new ImageKernels.Size(1024, 1), ImageKernels.samResizedSize(4000, 3));
    // 3 * 1024 / 2048 = 1.5 rounds half up to 2.
    assertEquals(new ImageKernels.Size(1024, 2), ImageKernels.samResizedSize(2048, 3));
    // A side that would round to 0 is kept at 1 pixel.
    assertEquals(new ImageKernels.Size(1, 1024), ImageKernels.samResizedSize(1, 4000));
  }

  @Test
  void matchesJavaReferenceAndPadsBottomRightWithZeros() {
    float[] mean = ImageKernels.samPixelMean();
    float[] std = ImageKernels.samPixelStd();
    Random random = new Random(21);
    int[][] sizes = {{1500, 2250}, {1537, 913}, {640, 1280}, {1024, 768}, {33, 17}, {1, 1}, {4000, 3}};
    for (int[] s : sizes) {
      int w = s[0], h = s[1];
      byte[] rgb = new byte[w * h * 3];
      random.nextBytes(rgb);
      float[] expected = ResampleReference.samPreprocess(rgb, w, h, mean, std);
      float[] actual = run(rgb, w, h, mean, std);
      ImageKernels.Size r = ImageKernels.samResizedSize(w, h);
      long mismatches = 0;
      long nonZeroPad = 0;
      for (int i = 0; i < 3 * PLANE; i++) {
        if (Float.floatToRawIntBits(expected[i]) != Float.floatToRawIntBits(actual[i])) {
          mismatches++;
        }
        int x = i % 1024;
        int y = (i / 1024) % 1024;
        if ((x >= r.width() || y >= r.height()) && Float.floatToRawIntBits(actual[i]) != 0) {
          nonZeroPad++;
        }
      }
      assertEquals(0, mismatches, w + "x" + h + " elements differing from the reference");
      assertEquals(0, nonZeroPad, w + "x" + h + " padding elements that are not +0.0");
      // The image sits top-left: its first column and row are real pixels, not padding.
      assertTrue(actual[0] != 0.0f || rgb[0] == 0, w + "x" + h + " top-left");
    }
  }

  @Test
  void normalisationOfAKnownPixel() {
    // 1024x1024 input: no resize, so pixel (0,0) = (255, 0, 128) maps directly.
    byte[] rgb = new byte[1024 * 1024 * 3];
    rgb[0] = (byte) 255;
    rgb[2] = (byte) 128;
    float[] out = run(rgb, 1024, 1024, ImageKernels.samPixelMean(), ImageKernels.samPixelStd());
    assertEquals((255f - 123.675f) / 58.395f, out[0], 0.0f);
    assertEquals((0f - 116.28f) / 57.12f, out[PLANE], 0.0f);
    assertEquals((128f - 103.53f) / 57.375f, out[2 * PLANE], 0.0f);
    assertEquals((0f - 123.675f) / 58.395f, out[1], 0.0f);
  }

  private float[] run(byte[] rgb, int w, int h, float[] mean, float[] std) {
    try (BytePointer in = new BytePointer(rgb);
        FloatPointer out = new FloatPointer(3L * PLANE);
        BytePointer work = new BytePointer(ImageKernels.samPreprocessWorkspaceBytes(w, h))) {
      // Garbage in the output proves the padding is written, not left over.
      out.put(new float[3 * PLANE]).position(0);
      for (int i = 0; i < 3 * PLANE; i += 4099) {
        out.put(i, Float.NaN);
      }
      kernels.samPreprocess(in, w, h, mean, std, out, work);
      return ResampleReference.floats(out, 3 * PLANE);
    }
  }

  @Test
  void badArgumentsAreRefusedBeforeNativeCode() {
    float[] mean = ImageKernels.samPixelMean();
    float[] std = ImageKernels.samPixelStd();
    long ws = ImageKernels.samPreprocessWorkspaceBytes(20, 10);
    try (BytePointer rgb = new BytePointer(600);
        FloatPointer out = new FloatPointer(3L * PLANE);
        FloatPointer smallOut = new FloatPointer(PLANE);
        BytePointer work = new BytePointer(ws);
        BytePointer smallWork = new BytePointer(ws / 2)) {
      assertMessage("rgb holds 600 elements, needs 1200",
          () -> kernels.samPreprocess(rgb, 20, 20, mean, std, out, work));
      assertMessage("out holds " + PLANE,
          () -> kernels.samPreprocess(rgb, 20, 10, mean, std, smallOut, work));
      assertMessage("workspace holds " + (ws / 2),
          () -> kernels.samPreprocess(rgb, 20, 10, mean, std, out, smallWork));
      assertMessage("w must be in [1, 65536], got 0",
          () -> kernels.samPreprocess(rgb, 0, 10, mean, std, out, work));
      assertMessage("mean must hold 3 values, got 2",
          () -> kernels.samPreprocess(rgb, 20, 10, new float[2], std, out, work));
      assertMessage("std[1] must be > 0, got 0.0",
          () -> kernels.samPreprocess(rgb, 20, 10, mean, new float[] {1, 0, 1}, out, work));
      assertMessage("mean[2] must be finite",
          () -> kernels.samPreprocess(rgb, 20, 10, new float[] {0, 0, Float.NaN}, std, out, work));
      assertMessage("std must not be null",
          () -> kernels.samPreprocess(rgb, 20, 10, mean, null, out, work));
      assertMessage("out must not be null",
          () -> kernels.samPreprocess(rgb, 20, 10, mean, std, null, work));
      assertMessage("h must be in [1, 65536], got -1", () -> ImageKernels.samResizedSize(5, -1));
      assertMessage("w must be in [1, 65536], got 70000",
          () -> ImageKernels.samPreprocessWorkspaceBytes(70000, 5));
    }
  }
}
