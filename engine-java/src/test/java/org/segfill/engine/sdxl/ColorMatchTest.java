package org.segfill.engine.sdxl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link ColorMatch} gives exactly the bytes of its straightforward definition ({@link #spec}):
 * per-channel mean and standard deviation over the kept pixels in doubles, then
 * round(v * gain + offset) clamped to a byte for every pixel.
 */
class ColorMatchTest {

  @Test
  void matchesTheDefinitionOnRandomWindows() {
    Random random = new Random(7);
    for (int trial = 0; trial < 20; trial++) {
      int n = 1 + random.nextInt(5000);
      byte[] generated = new byte[3 * n];
      byte[] original = new byte[3 * n];
      byte[] alpha = new byte[n];
      random.nextBytes(generated);
      random.nextBytes(original);
      // Narrow or wide ranges, so gains below 0.5, above 2 and in between all occur.
      int spread = 1 + random.nextInt(256);
      for (int i = 0; i < generated.length; i++) {
        generated[i] = (byte) (100 + Math.floorMod(generated[i], spread) / 2);
      }
      for (int i = 0; i < n; i++) {
        alpha[i] = (byte) (random.nextInt(3) == 0 ? 0 : random.nextInt(256));
      }
      assertSameAsSpec(generated, original, alpha);
    }
  }

  @Test
  void aFlatGeneratedWindowIsOnlyShifted() {
    byte[] generated = new byte[3 * 100];
    Arrays.fill(generated, (byte) 90);
    byte[] original = new byte[3 * 100];
    for (int i = 0; i < original.length; i++) {
      original[i] = (byte) (i % 200);
    }
    assertSameAsSpec(generated, original, new byte[100]);
  }

  @Test
  void tooFewKeptPixelsChangeNothing() {
    int n = 200;
    byte[] generated = new byte[3 * n];
    new Random(3).nextBytes(generated);
    byte[] alpha = new byte[n];
    Arrays.fill(alpha, (byte) 255);
    Arrays.fill(alpha, 0, ColorMatch.MIN_PIXELS - 1, (byte) 0);
    byte[] before = generated.clone();
    ColorMatch.apply(generated, new byte[3 * n], alpha);
    assertArrayEquals(before, generated);
  }

  private static void assertSameAsSpec(byte[] generated, byte[] original, byte[] alpha) {
    byte[] expected = generated.clone();
    spec(expected, original, alpha);
    byte[] actual = generated.clone();
    ColorMatch.apply(actual, original, alpha);
    assertEquals(expected.length, actual.length);
    assertArrayEquals(expected, actual);
  }

  // The definition: the first implementation, kept here verbatim as the reference.
  private static void spec(byte[] generated, byte[] original, byte[] alpha) {
    int n = alpha.length;
    double[] sumG = new double[3];
    double[] sumO = new double[3];
    double[] sqG = new double[3];
    double[] sqO = new double[3];
    long kept = 0;
    for (int i = 0; i < n; i++) {
      if (alpha[i] != 0) {
        continue;
      }
      kept++;
      for (int c = 0; c < 3; c++) {
        double g = generated[3 * i + c] & 0xff;
        double o = original[3 * i + c] & 0xff;
        sumG[c] += g;
        sumO[c] += o;
        sqG[c] += g * g;
        sqO[c] += o * o;
      }
    }
    if (kept < ColorMatch.MIN_PIXELS) {
      return;
    }
    double[] gain = new double[3];
    double[] offset = new double[3];
    for (int c = 0; c < 3; c++) {
      double meanG = sumG[c] / kept;
      double meanO = sumO[c] / kept;
      double stdG = Math.sqrt(Math.max(0, sqG[c] / kept - meanG * meanG));
      double stdO = Math.sqrt(Math.max(0, sqO[c] / kept - meanO * meanO));
      gain[c] = stdG < 1e-6 ? 1
          : Math.max(ColorMatch.MIN_GAIN, Math.min(ColorMatch.MAX_GAIN, stdO / stdG));
      offset[c] = meanO - gain[c] * meanG;
    }
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < 3; c++) {
        double v = (generated[3 * i + c] & 0xff) * gain[c] + offset[c];
        generated[3 * i + c] = (byte) Math.max(0, Math.min(255, Math.round(v)));
      }
    }
  }
}
