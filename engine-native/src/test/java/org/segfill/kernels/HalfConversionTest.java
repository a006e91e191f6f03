package org.segfill.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.segfill.kernels.MaskBinaryOpsTest.assertMessage;

import java.util.Random;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.ShortPointer;
import org.junit.jupiter.api.Test;

/** fp16 conversions of the CPU twin against HalfReference, exactly (bit patterns). */
class HalfConversionTest {
  private final LatentKernels kernels = new LatentKernels(KernelTarget.cpu());

  private short[] toHalf(float[] values) {
    try (FloatPointer in = new FloatPointer(values);
        ShortPointer out = new ShortPointer(values.length)) {
      kernels.f32ToF16(in, out, values.length);
      short[] result = new short[values.length];
      out.get(result);
      return result;
    }
  }

  private float[] toFloat(short[] halves) {
    try (ShortPointer in = new ShortPointer(halves);
        FloatPointer out = new FloatPointer(halves.length)) {
      kernels.f16ToF32(in, out, halves.length);
      float[] result = new float[halves.length];
      out.get(result);
      return result;
    }
  }

  private static short[] allHalves() {
    short[] all = new short[65536];
    for (int i = 0; i < all.length; i++) {
      all[i] = (short) i;
    }
    return all;
  }

  private static boolean isHalfNaN(short h) {
    return (h & 0x7c00) == 0x7c00 && (h & 0x3ff) != 0;
  }

  @Test
  void everyHalfConvertsToFloatExactly() {
    short[] all = allHalves();
    float[] floats = toFloat(all);
    for (int i = 0; i < all.length; i++) {
      assertEquals(Float.floatToRawIntBits(HalfReference.toFloat(all[i])),
          Float.floatToRawIntBits(floats[i]), "half 0x" + Integer.toHexString(i));
    }
  }

  @Test
  void everyHalfRoundTripsThroughFloat() {
    short[] all = allHalves();
    short[] back = toHalf(toFloat(all));
    int nans = 0;
    for (int i = 0; i < all.length; i++) {
      if (isHalfNaN(all[i])) {
        nans++;
        // NaN stays NaN with its sign and payload; signalling NaNs come back quiet.
        assertEquals((all[i] & 0xffff) | 0x200, back[i] & 0xffff,
            "NaN 0x" + Integer.toHexString(i));
      } else {
        assertEquals(all[i], back[i], "half 0x" + Integer.toHexString(i));
      }
    }
    assertEquals(2 * 1023, nans);
  }

  @Test
  void matchesReferenceOnMillionsOfRandomFloats() {
    Random random = new Random(16);
    int n = 1 << 21;
    float[] anyBits = new float[n];
    float[] halfRange = new float[n];
    for (int i = 0; i < n; i++) {
      anyBits[i] = Float.intBitsToFloat(random.nextInt());
      // Exponents 2^-27 .. 2^16: subnormal halves, every normal binade and the overflow edge.
      int exponent = 100 + random.nextInt(44);
      halfRange[i] = Float.intBitsToFloat(
          (random.nextInt() & 0x80000000) | (exponent << 23) | (random.nextInt() & 0x7fffff));
    }
    for (float[] values : new float[][] {anyBits, halfRange}) {
      short[] actual = toHalf(values);
      int mismatches = 0;
      for (int i = 0; i < n; i++) {
        if (HalfReference.fromFloat(values[i]) != actual[i]) {
          mismatches++;
        }
      }
      assertEquals(0, mismatches, "mismatching conversions");
    }
  }

  @Test
  void edgeCases() {
    float[] in = {
      65504f, 65520f, Math.nextDown(65520f), 65519.99f, -65520f, 1e10f,
      0x1.0p-24f, 0x1.0p-25f, Math.nextUp(0x1.0p-25f), 3 * 0x1.0p-26f, 0x1.0p-26f,
      Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0f, 0f,
      Float.intBitsToFloat(0x7fc00000), Float.intBitsToFloat(0xff800001),
      Float.intBitsToFloat(0x7fbfe000), Float.MIN_VALUE, 0x1.0p-14f, Math.nextDown(0x1.0p-14f),
      1f, 1 + 0x1.0p-11f, 1 + 3 * 0x1.0p-11f, -2.5f
    };
    int[] expected = {
      0x7bff, 0x7c00, 0x7bff, 0x7bff, 0xfc00, 0x7c00,
      0x0001, 0x0000, 0x0001, 0x0001, 0x0000,
      0x7c00, 0xfc00, 0x8000, 0x0000,
      0x7e00, 0xfe00,
      0x7fff, 0x0000, 0x0400, 0x0400,
      0x3c00, 0x3c00, 0x3c02, 0xc100
    };
    short[] actual = toHalf(in);
    for (int i = 0; i < in.length; i++) {
      assertEquals(expected[i], actual[i] & 0xffff, "input " + in[i] + " (#" + i + ")");
      assertEquals(expected[i], HalfReference.fromFloat(in[i]) & 0xffff, "reference #" + i);
    }
    assertTrue(isHalfNaN(actual[16]));
  }

  @Test
  void badArgumentsAreRefused() {
    try (FloatPointer f = new FloatPointer(8); ShortPointer h = new ShortPointer(4)) {
      assertMessage("out holds 4 elements, needs 8", () -> kernels.f32ToF16(f, h, 8));
      assertMessage("in holds 4 elements, needs 8", () -> kernels.f16ToF32(h, f, 8));
      assertMessage("n must be > 0", () -> kernels.f32ToF16(f, h, 0));
      assertMessage("n must be > 0", () -> kernels.f16ToF32(h, f, -3));
      assertMessage("in must not be null", () -> kernels.f32ToF16(null, h, 1));
      assertMessage("out must not be null", () -> kernels.f16ToF32(h, null, 1));
    }
  }
}
