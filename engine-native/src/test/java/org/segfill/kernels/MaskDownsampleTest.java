package org.segfill.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.junit.jupiter.api.Test;

class MaskDownsampleTest {
  private final MaskKernels kernels = new MaskKernels(KernelTarget.cpu());

  private float[] run(byte[] mask, int w, int h, int outW, int outH) {
    try (BytePointer in = new BytePointer(mask);
        FloatPointer out = new FloatPointer((long) outW * outH)) {
      kernels.downsampleNearest(in, w, h, out, outW, outH);
      return MaskTestData.floats(out, (long) outW * outH);
    }
  }

  /** torch "nearest": src = min(floor(dst * (in / out) as float), in - 1). */
  private static float[] reference(byte[] mask, int w, int h, int outW, int outH) {
    float sx = (float) w / outW;
    float sy = (float) h / outH;
    float[] out = new float[outW * outH];
    for (int y = 0; y < outH; y++) {
      int iy = Math.min((int) Math.floor(y * sy), h - 1);
      for (int x = 0; x < outW; x++) {
        int ix = Math.min((int) Math.floor(x * sx), w - 1);
        out[y * outW + x] = (mask[iy * w + ix] & 0xff) / 255f;
      }
    }
    return out;
  }

  @Test
  void factorEightPicksTheTopLeftOfEachBlock() {
    int w = 1024;
    int h = 768;
    byte[] mask = MaskTestData.randomBytes(w * h, 50);
    float[] out = run(mask, w, h, 128, 96);
    for (int y = 0; y < 96; y++) {
      for (int x = 0; x < 128; x++) {
        assertEquals((mask[(8 * y) * w + 8 * x] & 0xff) / 255f, out[y * 128 + x], 0f,
            "block " + x + "," + y);
      }
    }
  }

  @Test
  void nonIntegerRatiosMatchTorchNearestExactly() {
    int[][] cases = {
      {1, 1, 1, 1}, {33, 17, 5, 3}, {1537, 913, 192, 114}, {913, 1537, 114, 192},
      {4000, 3, 500, 1}, {3, 4000, 1, 500}, {100, 100, 33, 67}, {7, 5, 20, 13},
    };
    long seed = 51;
    for (int[] c : cases) {
      byte[] mask = MaskTestData.randomBytes(c[0] * c[1], seed++);
      float[] expected = reference(mask, c[0], c[1], c[2], c[3]);
      float[] actual = run(mask, c[0], c[1], c[2], c[3]);
      for (int i = 0; i < expected.length; i++) {
        assertEquals(expected[i], actual[i], 0f, java.util.Arrays.toString(c) + " index " + i);
      }
    }
  }
}
