package org.segfill.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.ShortPointer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.segfill.kernels.KernelTarget;
import org.segfill.kernels.LatentKernels;
import org.segfill.kernels.NoiseKernels;

/**
 * Each ND4J variant of {@link LatentBench} computes the same numbers as our kernel (CPU twin) on
 * the same inputs, so the benchmark compares equal work. Tolerance: none. Every step on both
 * sides is one correctly rounded float op (copy, multiply, add) in the same order, and the
 * kernel uses no FMA, so the results must agree bit for bit. The benchmark's own size (4x128x128)
 * so that ND4J takes its multi-threaded, vectorised paths as it does there.
 */
class LatentNd4jTest {
  private static final int H = 128;
  private static final int W = 128;
  private static final int N = 4 * H * W;
  private static final float GUIDANCE = 7.5f;
  private static final float SCALE = 0.3f;

  private final LatentKernels kernels = new LatentKernels(KernelTarget.cpu());
  private final NoiseKernels noise = new NoiseKernels(KernelTarget.cpu());
  private FloatPointer modelOut;
  private FloatPointer latents;
  private FloatPointer mask;
  private FloatPointer masked;
  private Nd4jLatentMath nd4j;

  @BeforeEach
  void inputs() {
    modelOut = new FloatPointer(2L * N);
    latents = new FloatPointer(N);
    mask = new FloatPointer(N / 4);
    masked = new FloatPointer(N);
    noise.randn(modelOut, 2, N, 1, 0);
    noise.randn(latents, 1, N, 2, 0);
    noise.randn(mask, 1, N / 4, 3, 0);
    noise.randn(masked, 1, N, 4, 0);
    nd4j = new Nd4jLatentMath(floats(modelOut, 2 * N), floats(latents, N), floats(mask, N / 4),
        floats(masked, N), H, W);
  }

  @AfterEach
  void free() {
    for (FloatPointer p : new FloatPointer[] {modelOut, latents, mask, masked}) {
      p.close();
    }
  }

  @Test
  void cfgEulerMatchesTheKernel() {
    float[] coefs = LatentKernels.eulerCoefs(3.0, 2.5);
    kernels.samplerStep(modelOut, latents, null, 1, N, true, GUIDANCE, coefs, 0, 0);
    nd4j.cfgEuler(GUIDANCE, coefs[5]);
    float[] expected = floats(latents, N);
    float[] actual = nd4j.latents().toFloatVector();
    for (int i = 0; i < N; i++) {
      // c - u, * g, + u, * dt, + x: the kernel's order (latent.h). ND4J's start-up log names the
      // binary it loaded ("Generic x86" here); an FMA build would be off by an ulp and fail.
      assertEquals(expected[i], actual[i], 0f, "latent " + i);
    }
  }

  @Test
  void unetInputMatchesTheKernel() {
    FloatPointer out = new FloatPointer(2L * 9 * H * W);
    try {
      // After a step on both sides, so a stale copy of the latents on the ND4J side would show.
      float[] coefs = LatentKernels.eulerCoefs(3.0, 2.5);
      kernels.samplerStep(modelOut, latents, null, 1, N, true, GUIDANCE, coefs, 0, 0);
      nd4j.cfgEuler(GUIDANCE, coefs[5]);
      kernels.unetInput(latents, mask, masked, 1, 1, H, W, SCALE, true, out);
      nd4j.unetInput(SCALE);
      float[] expected = floats(out, 2 * 9 * H * W);
      float[] actual = nd4j.unetIn().reshape(-1).toFloatVector();
      for (int i = 0; i < expected.length; i++) {
        // Copies and one float multiply: bit for bit.
        assertEquals(expected[i], actual[i], 0f, "UNet input " + i);
      }
    } finally {
      out.close();
    }
  }

  @Test
  void f32ToF16MatchesTheKernel() {
    ShortPointer half = new ShortPointer(2L * N);
    FloatPointer widened = new FloatPointer(2L * N);
    try {
      kernels.f32ToF16(modelOut, half, 2L * N);
      kernels.f16ToF32(half, widened, 2L * N);
      nd4j.f32ToF16();
      float[] expected = floats(widened, 2 * N);
      // Widening half to float is exact, so equal floats mean equal half values.
      float[] actual = nd4j.half().castTo(DataType.FLOAT).reshape(-1).toFloatVector();
      for (int i = 0; i < expected.length; i++) {
        assertEquals(expected[i], actual[i], 0f, "half " + i);
      }
    } finally {
      half.close();
      widened.close();
    }
  }

  private static float[] floats(FloatPointer p, int n) {
    float[] values = new float[n];
    p.get(values);
    return values;
  }
}
