package org.segfill.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.junit.jupiter.api.Test;

class SamPostprocessTest {
  private final MaskKernels kernels = new MaskKernels(KernelTarget.cpu());

  /** A few random Gaussian bumps of both signs: smooth, with long zero crossings. */
  static float[] smoothLogits(long seed) {
    Random random = new Random(seed);
    float[] logits = new float[256 * 256];
    int bumps = 8;
    double[] cx = new double[bumps];
    double[] cy = new double[bumps];
    double[] s = new double[bumps];
    double[] a = new double[bumps];
    for (int b = 0; b < bumps; b++) {
      cx[b] = random.nextDouble() * 256;
      cy[b] = random.nextDouble() * 256;
      s[b] = 8 + random.nextDouble() * 40;
      a[b] = (random.nextBoolean() ? 1 : -1) * (4 + random.nextDouble() * 8);
    }
    for (int y = 0; y < 256; y++) {
      for (int x = 0; x < 256; x++) {
        double v = -1.0;
        for (int b = 0; b < bumps; b++) {
          double dx = x - cx[b];
          double dy = y - cy[b];
          v += a[b] * Math.exp(-(dx * dx + dy * dy) / (2 * s[b] * s[b]));
        }
        logits[y * 256 + x] = (float) v;
      }
    }
    return logits;
  }

  private byte[] run(float[] logits, int w, int h, float threshold) {
    try (FloatPointer in = new FloatPointer(logits); BytePointer out = new BytePointer((long) w * h)) {
      kernels.samPostprocess(in, w, h, threshold, out);
      return MaskTestData.bytes(out, (long) w * h);
    }
  }

  @Test
  void onePassMatchesTheLiteralTwoStepReferenceExactly() {
    int[][] sizes = {{1, 1}, {1537, 913}, {913, 1537}, {640, 1280}, {4000, 3000}, {3, 4000}};
    long seed = 10;
    for (int[] size : sizes) {
      float[] logits = smoothLogits(seed++);
      byte[] expected = SamPostprocessReference.postprocess(logits, size[0], size[1], 0f);
      byte[] actual = run(logits, size[0], size[1], 0f);
      int differing = 0;
      for (int i = 0; i < expected.length; i++) {
        if (expected[i] != actual[i]) {
          differing++;
        }
      }
      // Same float operations in the same order on both sides: no pixel may differ.
      assertEquals(0, differing, "differing pixels at " + size[0] + "x" + size[1]);
      int selected = MaskTestData.count(actual, 255);
      assertTrue(size[0] * size[1] == 1 || (selected > 0 && selected < actual.length),
          "degenerate test mask at " + size[0] + "x" + size[1]);
    }
  }

  @Test
  void thresholdIsStrict() {
    float[] logits = new float[256 * 256];
    java.util.Arrays.fill(logits, 0.5f);
    assertEquals(0, MaskTestData.count(run(logits, 33, 17, 0.5f), 255));
    assertEquals(33 * 17, MaskTestData.count(run(logits, 33, 17, 0.49f), 255));
  }

  @Test
  void resizedSizesFollowContractA2() {
    assertEquals(683, SamPostprocessReference.resizedSize(1500, 2250)[0]);
    assertEquals(1024, SamPostprocessReference.resizedSize(1500, 2250)[1]);
    assertEquals(608, SamPostprocessReference.resizedSize(1537, 913)[1]);
  }

  @Test
  void blobInTheResizedRegionLandsInTheMatchingPlaceOfTheOriginal() {
    // 1537x913 is resized to 1024x608: low-res 256x152 holds the image, the rest is padding.
    int w = 1537;
    int h = 913;
    float[] logits = new float[256 * 256];
    java.util.Arrays.fill(logits, -10f);
    for (int y = 0; y < 152 / 2; y++) {
      for (int x = 0; x < 256 / 2; x++) {
        logits[y * 256 + x] = 10f;
      }
    }
    byte[] out = run(logits, w, h, 0f);
    // Without the crop the blob would cover only rows < 913 * 76 / 256 = 271.
    int marginY = 8;
    int marginX = 8;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        boolean inside = y < h / 2 - marginY && x < w / 2 - marginX;
        boolean outside = y > h / 2 + marginY || x > w / 2 + marginX;
        int v = out[y * w + x] & 0xff;
        if (inside) {
          assertEquals(255, v, "inside the quarter at " + x + "," + y);
        } else if (outside) {
          assertEquals(0, v, "outside the quarter at " + x + "," + y);
        }
      }
    }
    double fraction = MaskTestData.count(out, 255) / (double) (w * h);
    assertEquals(0.25, fraction, 0.01);
  }
}
