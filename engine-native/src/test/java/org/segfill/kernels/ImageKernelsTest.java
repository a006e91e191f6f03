package org.segfill.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.segfill.kernels.MaskBinaryOpsTest.assertMessage;

import java.util.Random;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.junit.jupiter.api.Test;
import org.segfill.kernels.ImageKernels.Filter;

/** The CPU twin's image kernels against the plain-Java Pillow model and the contract's numbers. */
class ImageKernelsTest {
  private static final float[] SAM_MEAN = {123.675f, 116.28f, 103.53f};
  private static final float[] SAM_STD = {58.395f, 57.12f, 57.375f};
  private final ImageKernels kernels = new ImageKernels(KernelTarget.cpu());

  @Test
  void samResizedSizeFollowsTheContractRounding() {
    assertArrayEquals(new int[] {683, 1024}, ImageKernels.samResizedSize(1500, 2250));
    assertArrayEquals(new int[] {1024, 683}, ImageKernels.samResizedSize(2250, 1500));
    assertArrayEquals(new int[] {1024, 608}, ImageKernels.samResizedSize(1537, 913));
    assertArrayEquals(new int[] {512, 1024}, ImageKernels.samResizedSize(640, 1280));
    assertArrayEquals(new int[] {1024, 1}, ImageKernels.samResizedSize(4000, 3));
    assertArrayEquals(new int[] {1024, 1024}, ImageKernels.samResizedSize(1, 1));
  }

  @Test
  void bilinearDownscaleOfTwoPixelsRoundsLikePil() {
    // Weights 0.5/0.5 in 22-bit fixed point: (10 + 21) / 2 = 15.5 rounds up to 16.
    assertArrayEquals(new byte[] {16}, resample(new byte[] {10, 21}, 2, 1, 1, 1, 1, Filter.BILINEAR));
    assertArrayEquals(new byte[] {15}, resample(new byte[] {10, 20}, 2, 1, 1, 1, 1, Filter.BILINEAR));
  }

  @Test
  void resampleMatchesThePillowModel() {
    int[][] cases = {
      {1, 1, 1, 1}, {1, 1, 5, 3}, {33, 17, 16, 9}, {33, 17, 70, 40}, {1537, 913, 1024, 608},
      {4000, 3, 1024, 1}, {3, 4000, 1, 1024}, {640, 480, 640, 360}, {640, 480, 320, 480},
      {200, 150, 31, 500},
    };
    Random random = new Random(7);
    for (int[] c : cases) {
      for (int channels : new int[] {1, 3, 4}) {
        byte[] in = smoothImage(random, c[0], c[1], channels);
        for (Filter filter : Filter.values()) {
          byte[] expected = PilResampleReference.resize(
              in, c[0], c[1], channels, c[2], c[3], filter == Filter.LANCZOS3);
          byte[] actual = resample(in, c[0], c[1], channels, c[2], c[3], filter);
          // Lanczos weights come from sin(): glibc and Java may differ in the last bit of a
          // weight, which can move a rounding by one level. Bilinear must be exact.
          int tolerance = filter == Filter.LANCZOS3 ? 1 : 0;
          assertMaxDifference(expected, actual, tolerance, filter + " " + java.util.Arrays.toString(c)
              + " ch=" + channels);
        }
      }
    }
  }

  @Test
  void samPreprocessNormalisesAndPadsBottomRightOnly() {
    int w = 1537;
    int h = 913;
    byte[] rgb = smoothImage(new Random(11), w, h, 3);
    int[] size = ImageKernels.samResizedSize(w, h);
    byte[] resized = PilResampleReference.resize(rgb, w, h, 3, size[0], size[1], false);
    float[] actual = new float[3 * 1024 * 1024];
    try (BytePointer in = new BytePointer(rgb);
        FloatPointer out = new FloatPointer(actual.length);
        BytePointer ws = new BytePointer(ImageKernels.samPreprocessWorkspaceBytes(w, h))) {
      out.fill(0x7f); // garbage, so untouched padding would show
      kernels.samPreprocess(in, w, h, SAM_MEAN, SAM_STD, out, ws);
      out.get(actual);
    }
    for (int c = 0; c < 3; c++) {
      for (int y = 0; y < 1024; y++) {
        for (int x = 0; x < 1024; x++) {
          float expected = 0f;
          if (x < size[0] && y < size[1]) {
            expected = ((resized[(y * size[0] + x) * 3 + c] & 0xff) - SAM_MEAN[c]) / SAM_STD[c];
          }
          float got = actual[(c * 1024 + y) * 1024 + x];
          if (expected != got) {
            throw new AssertionError("c=" + c + " y=" + y + " x=" + x + ": " + got + " != "
                + expected);
          }
        }
      }
    }
    // The image sits top-left: row 0 is content, the last row is padding.
    assertTrue(actual[0] != 0f || actual[1] != 0f);
    assertEquals(0f, actual[1023 * 1024 + 5]);
  }

  @Test
  void vaePreprocessIsLanczosThenMinusOneToOne() {
    int w = 333;
    int h = 250;
    byte[] rgb = smoothImage(new Random(5), w, h, 3);
    int outW = 128;
    int outH = 96;
    byte[] resized = PilResampleReference.resize(rgb, w, h, 3, outW, outH, true);
    float[] actual = new float[3 * outW * outH];
    try (BytePointer in = new BytePointer(rgb);
        FloatPointer out = new FloatPointer(actual.length);
        BytePointer ws = new BytePointer(ImageKernels.vaePreprocessWorkspaceBytes(w, h, outW, outH))) {
      kernels.vaePreprocess(in, w, h, out, outW, outH, ws);
      out.get(actual);
    }
    double maxError = 0;
    for (int c = 0; c < 3; c++) {
      for (int p = 0; p < outW * outH; p++) {
        float expected = (resized[p * 3 + c] & 0xff) / 255.0f * 2.0f - 1.0f;
        maxError = Math.max(maxError, Math.abs(expected - actual[c * outW * outH + p]));
      }
    }
    // One Lanczos rounding level (see resampleMatchesThePillowModel) is 2/255 here.
    assertTrue(maxError <= 2.0 / 255 + 1e-6, "max error " + maxError);
  }

  @Test
  void tensorToImageClampsAndRoundsHalfToEven() {
    float[] values = {0f, 1f, -1f, 5f, -7f, Float.NaN, Float.POSITIVE_INFINITY,
        Float.NEGATIVE_INFINITY, 0.5f, -0.25f};
    Random random = new Random(9);
    int w = 37;
    int h = 11;
    float[] nchw = new float[3 * w * h];
    for (int i = 0; i < nchw.length; i++) {
      nchw[i] = i < values.length ? values[i] : (float) (random.nextGaussian() * 0.7);
    }
    byte[] actual = new byte[3 * w * h];
    try (FloatPointer in = new FloatPointer(nchw); BytePointer out = new BytePointer(actual.length)) {
      kernels.tensorToImage(in, w, h, out);
      out.get(actual);
    }
    for (int c = 0; c < 3; c++) {
      for (int p = 0; p < w * h; p++) {
        float v = nchw[c * w * h + p] / 2f + 0.5f;
        v = v > 0f ? Math.min(v, 1f) : 0f;
        int expected = (int) Math.rint(v * 255f);
        assertEquals(expected, actual[p * 3 + c] & 0xff, "c=" + c + " p=" + p);
      }
    }
    // 0 maps to 127.5, which rounds to the even 128; 1 to 255; NaN to 0.
    assertEquals(128, actual[0] & 0xff);
    assertEquals(255, actual[3] & 0xff);
    assertEquals(0, actual[15] & 0xff);
  }

  @Test
  void badArgumentsAreRefusedBeforeNativeCode() {
    try (BytePointer small = new BytePointer(10);
        BytePointer big = new BytePointer(1 << 20);
        FloatPointer floats = new FloatPointer(3L * 1024 * 1024)) {
      assertMessage("in width must be in [1, 32768], got 0",
          () -> kernels.resample(big, 0, 5, 3, big, 5, 5, Filter.BILINEAR, big));
      assertMessage("channels must be in [1, 4], got 5",
          () -> kernels.resample(big, 5, 5, 5, big, 5, 5, Filter.BILINEAR, big));
      assertMessage("filter must not be null",
          () -> kernels.resample(big, 5, 5, 3, big, 5, 5, null, big));
      assertMessage("out holds 10 elements, needs 75",
          () -> kernels.resample(big, 5, 5, 3, small, 5, 5, Filter.BILINEAR, big));
      assertMessage("workspace holds 10 elements",
          () -> kernels.resample(big, 50, 50, 3, big, 5, 5, Filter.BILINEAR, small));
      assertMessage("mean must have 3 values, got 2",
          () -> kernels.samPreprocess(big, 5, 5, new float[2], SAM_STD, floats, big));
      assertMessage("std[1] must not be 0",
          () -> kernels.samPreprocess(big, 5, 5, SAM_MEAN, new float[] {1, 0, 1}, floats, big));
      assertMessage("rgb holds 10 elements, needs 75",
          () -> kernels.samPreprocess(small, 5, 5, SAM_MEAN, SAM_STD, floats, big));
      assertMessage("image height must be in [1, 32768], got -3",
          () -> kernels.tensorToImage(floats, 4, -3, big));
      assertMessage("out width must be in [1, 32768], got 40000",
          () -> kernels.vaePreprocess(big, 4, 4, floats, 40000, 8, big));
      assertMessage("nchw must not be null", () -> kernels.tensorToImage(null, 4, 4, big));
    }
  }

  private byte[] resample(byte[] in, int w, int h, int ch, int outW, int outH, Filter filter) {
    byte[] out = new byte[outW * outH * ch];
    try (BytePointer src = new BytePointer(in);
        BytePointer dst = new BytePointer(out.length);
        BytePointer ws = new BytePointer(
            Math.max(1, ImageKernels.resampleWorkspaceBytes(w, h, outW, outH, ch, filter)))) {
      kernels.resample(src, w, h, ch, dst, outW, outH, filter, ws);
      dst.get(out);
    }
    return out;
  }

  /** Smooth gradients plus noise: exercises both interpolation and rounding. */
  static byte[] smoothImage(Random random, int w, int h, int ch) {
    byte[] img = new byte[w * h * ch];
    double fx = random.nextDouble() * 0.1;
    double fy = random.nextDouble() * 0.1;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        for (int c = 0; c < ch; c++) {
          double v = 128 + 90 * Math.sin(x * fx + c) * Math.cos(y * fy - c) + random.nextInt(30) - 15;
          img[(y * w + x) * ch + c] = (byte) Math.max(0, Math.min(255, (int) v));
        }
      }
    }
    return img;
  }

  static void assertMaxDifference(byte[] expected, byte[] actual, int tolerance, String what) {
    assertEquals(expected.length, actual.length, what);
    int worst = 0;
    for (int i = 0; i < expected.length; i++) {
      worst = Math.max(worst, Math.abs((expected[i] & 0xff) - (actual[i] & 0xff)));
    }
    assertTrue(worst <= tolerance, what + ": max difference " + worst + " > " + tolerance);
  }
}
