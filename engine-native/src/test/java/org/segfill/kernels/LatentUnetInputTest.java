package org.segfill.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.segfill.kernels.MaskBinaryOpsTest.assertMessage;

import java.util.Arrays;
import java.util.Random;
import org.bytedeco.javacpp.FloatPointer;
import org.junit.jupiter.api.Test;

/** sf_unet_input_f32 on the CPU twin against a Java reference: exact equality (bit patterns). */
class LatentUnetInputTest {
  private final LatentKernels kernels = new LatentKernels(KernelTarget.cpu());

  static float[] reference(float[] latents, float[] mask, float[] masked, int batch, int maskBatch,
      int h, int w, float scale, int copies) {
    int hw = h * w;
    float[] out = new float[copies * batch * 9 * hw];
    for (int k = 0; k < copies; k++) {
      for (int b = 0; b < batch; b++) {
        int base = (k * batch + b) * 9 * hw;
        int mb = b % maskBatch;
        for (int p = 0; p < hw; p++) {
          for (int c = 0; c < 4; c++) {
            out[base + c * hw + p] = latents[(b * 4 + c) * hw + p] * scale;
            out[base + (5 + c) * hw + p] = masked[(mb * 4 + c) * hw + p];
          }
          out[base + 4 * hw + p] = mask[mb * hw + p];
        }
      }
    }
    return out;
  }

  static float[] random(Random random, int n) {
    float[] values = new float[n];
    for (int i = 0; i < n; i++) {
      values[i] = (float) random.nextGaussian() * 3;
    }
    return values;
  }

  private float[] run(float[] latents, float[] mask, float[] masked, int batch, int maskBatch,
      int h, int w, float scale, boolean cfg) {
    int size = (cfg ? 2 : 1) * batch * 9 * h * w;
    try (FloatPointer l = new FloatPointer(latents);
        FloatPointer m = new FloatPointer(mask);
        FloatPointer ml = new FloatPointer(masked);
        FloatPointer out = new FloatPointer(size)) {
      kernels.unetInput(l, m, ml, batch, maskBatch, h, w, scale, cfg, out);
      float[] result = new float[size];
      out.get(result);
      return result;
    }
  }

  @Test
  void matchesReferenceExactlyAtEdgeSizes() {
    Random random = new Random(7);
    int[][] shapes = { // batch, maskBatch, h, w
      {1, 1, 1, 1}, {1, 1, 33, 17}, {3, 1, 17, 33}, {3, 3, 8, 8}, {2, 1, 4000, 3}, {1, 1, 3, 4000},
      {4, 2, 13, 7}, {1, 1, 128, 128}
    };
    float scale = (float) (1 / Math.sqrt(14.6146 * 14.6146 + 1));
    for (int[] s : shapes) {
      int batch = s[0];
      int maskBatch = s[1];
      int hw = s[2] * s[3];
      float[] latents = random(random, batch * 4 * hw);
      float[] mask = new float[maskBatch * hw];
      for (int i = 0; i < mask.length; i++) {
        mask[i] = random.nextBoolean() ? 1f : 0f;
      }
      float[] masked = random(random, maskBatch * 4 * hw);
      for (boolean cfg : new boolean[] {false, true}) {
        float[] expected = reference(latents, mask, masked, batch, maskBatch, s[2], s[3], scale,
            cfg ? 2 : 1);
        float[] actual = run(latents, mask, masked, batch, maskBatch, s[2], s[3], scale, cfg);
        assertArrayEquals(NoiseRandnTest.bits(expected), NoiseRandnTest.bits(actual),
            Arrays.toString(s) + " cfg " + cfg);
      }
    }
  }

  @Test
  void onlyLatentChannelsAreScaledAndCfgCopiesAreIdentical() {
    Random random = new Random(8);
    int batch = 2;
    int h = 5;
    int w = 6;
    int hw = h * w;
    float[] latents = random(random, batch * 4 * hw);
    float[] mask = random(random, hw);
    float[] masked = random(random, 4 * hw);
    float[] out = run(latents, mask, masked, batch, 1, h, w, 0.25f, true);
    int sample = 9 * hw;
    assertArrayEquals(Arrays.copyOfRange(out, 0, batch * sample),
        Arrays.copyOfRange(out, batch * sample, 2 * batch * sample), "uncond vs cond copies");
    for (int b = 0; b < batch; b++) {
      for (int p = 0; p < hw; p++) {
        for (int c = 0; c < 4; c++) {
          assertEquals(latents[(b * 4 + c) * hw + p] * 0.25f, out[b * sample + c * hw + p]);
          assertEquals(masked[c * hw + p], out[b * sample + (5 + c) * hw + p], "masked unscaled");
        }
        assertEquals(mask[p], out[b * sample + 4 * hw + p], "mask unscaled");
      }
    }
  }

  @Test
  void badArgumentsAreRefused() {
    try (FloatPointer l = new FloatPointer(2 * 4 * 16);
        FloatPointer m = new FloatPointer(16);
        FloatPointer ml = new FloatPointer(4 * 16);
        FloatPointer out = new FloatPointer(2 * 2 * 9 * 16);
        FloatPointer smallOut = new FloatPointer(300)) {
      kernels.unetInput(l, m, ml, 2, 1, 4, 4, 1f, true, out);  // the valid call
      assertMessage("out holds 300 elements, needs 576",
          () -> kernels.unetInput(l, m, ml, 2, 1, 4, 4, 1f, true, smallOut));
      assertMessage("latents holds 128 elements, needs 256",
          () -> kernels.unetInput(l, m, ml, 4, 1, 4, 4, 1f, false, out));
      assertMessage("mask holds 16 elements, needs 32",
          () -> kernels.unetInput(l, m, ml, 2, 2, 4, 4, 1f, true, out));
      assertMessage("maskBatch must divide batch 3",
          () -> kernels.unetInput(l, m, ml, 3, 2, 2, 2, 1f, true, out));
      assertMessage("batch must be > 0",
          () -> kernels.unetInput(l, m, ml, 0, 1, 4, 4, 1f, true, out));
      assertMessage("maskBatch must be > 0",
          () -> kernels.unetInput(l, m, ml, 1, 0, 4, 4, 1f, true, out));
      assertMessage("h must be > 0", () -> kernels.unetInput(l, m, ml, 1, 1, 0, 4, 1f, true, out));
      assertMessage("w must be > 0", () -> kernels.unetInput(l, m, ml, 1, 1, 4, -1, 1f, true, out));
      assertMessage("scale must be in",
          () -> kernels.unetInput(l, m, ml, 1, 1, 4, 4, 0f, true, out));
      assertMessage("scale must be in",
          () -> kernels.unetInput(l, m, ml, 1, 1, 4, 4, Float.NaN, true, out));
      assertMessage("maskedLatents must not be null",
          () -> kernels.unetInput(l, m, null, 1, 1, 4, 4, 1f, true, out));
      assertMessage("overflows a 64-bit size",
          () -> kernels.unetInput(l, m, ml, 1 << 30, 1 << 30, 1 << 30, 1 << 30, 1f, true, out));
    }
  }
}
