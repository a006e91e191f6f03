package org.segfill.bench;

import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.ShortPointer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.segfill.kernels.KernelTarget;
import org.segfill.kernels.LatentKernels;
import org.segfill.kernels.NoiseKernels;

/**
 * Per-step latent math at SDXL's 1024x1024 size: UNet output 2x4x128x128 (uncond, cond),
 * latents 1x4x128x128. The plain-Java CFG + Euler loop is the baseline a user would write by
 * hand; the {@code xNd4j} methods are the library a user would pick instead (ND4J, CPU backend),
 * on the same inputs ({@code LatentNd4jTest} checks they compute the kernels' numbers).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
public class LatentBench {
  /** Elements of one latent sample: 4 x 128 x 128. */
  public static final int N = 4 * 128 * 128;

  private final LatentKernels latent = new LatentKernels(KernelTarget.cpu());
  private final NoiseKernels noise = new NoiseKernels(KernelTarget.cpu());
  private final float[] eulerCoefs = LatentKernels.eulerCoefs(3.0, 2.5);
  private final float[] ancestralCoefs = LatentKernels.eulerAncestralCoefs(3.0, 2.5);
  private final float[] dpmCoefs = LatentKernels.dpmpp2mSecondOrderCoefs(3.5, 3.0, 2.5);
  private FloatPointer modelOut;
  private FloatPointer latents;
  private FloatPointer history;
  private FloatPointer mask;
  private FloatPointer masked;
  private FloatPointer unetIn;
  private ShortPointer half;
  private float[] javaModelOut;
  private float[] javaLatents;
  private Nd4jLatentMath nd4j;

  @Setup
  public void allocate() {
    modelOut = new FloatPointer(2L * N);
    latents = new FloatPointer(N);
    history = new FloatPointer(N);
    mask = new FloatPointer(N / 4);
    masked = new FloatPointer(N);
    unetIn = new FloatPointer(2L * 9 * 128 * 128);
    half = new ShortPointer(2L * N);
    noise.randn(modelOut, 2, N, 1, 0);
    noise.randn(latents, 1, N, 2, 0);
    noise.randn(history, 1, N, 3, 0);
    noise.randn(masked, 1, N, 4, 0);
    noise.randn(mask, 1, N / 4, 5, 0);
    javaModelOut = new float[2 * N];
    javaLatents = new float[N];
    modelOut.get(javaModelOut);
    latents.get(javaLatents);
    float[] javaMask = new float[N / 4];
    float[] javaMasked = new float[N];
    mask.get(javaMask);
    masked.get(javaMasked);
    nd4j = new Nd4jLatentMath(javaModelOut, javaLatents, javaMask, javaMasked, 128, 128);
  }

  @TearDown
  public void free() {
    for (var p : new org.bytedeco.javacpp.Pointer[] {modelOut, latents, history, mask, masked,
        unetIn, half}) {
      p.close();
    }
  }

  /** CFG combine fused with the Euler update: reads 3N floats, writes N. */
  @Benchmark
  public void cfgEuler() {
    latent.samplerStep(modelOut, latents, null, 1, N, true, 7.5f, eulerCoefs, 0, 0);
  }

  /** The same math as a plain Java loop over heap arrays. */
  @Benchmark
  public float[] cfgEulerJava() {
    float g = 7.5f;
    float dt = eulerCoefs[5];
    for (int i = 0; i < N; i++) {
      float u = javaModelOut[i];
      float eps = u + g * (javaModelOut[N + i] - u);
      javaLatents[i] = javaLatents[i] + dt * eps;
    }
    return javaLatents;
  }

  /** The same math with ND4J in-place ops on preallocated arrays. */
  @Benchmark
  public INDArray cfgEulerNd4j() {
    nd4j.cfgEuler(7.5f, eulerCoefs[5]);
    return nd4j.latents();
  }

  /** CFG + Euler ancestral, drawing the step's Philox noise inline. */
  @Benchmark
  public void cfgEulerAncestral() {
    latent.samplerStep(modelOut, latents, null, 1, N, true, 7.5f, ancestralCoefs, 0, 7);
  }

  /** CFG + second-order DPM++ 2M: reads 4N floats, writes 2N (latents and history). */
  @Benchmark
  public void cfgDpmpp2m() {
    latent.samplerStep(modelOut, latents, history, 1, N, true, 7.5f, dpmCoefs, 0, 0);
  }

  /** scale_model_input + concat into the 2x9x128x128 UNet input. */
  @Benchmark
  public void unetInput() {
    latent.unetInput(latents, mask, masked, 1, 1, 128, 128, 0.3f, true, unetIn);
  }

  /** The same UNet input with ND4J: scale into a view, two assigns, then the CFG duplicate. */
  @Benchmark
  public INDArray unetInputNd4j() {
    nd4j.unetInput(0.3f);
    return nd4j.unetIn();
  }

  /** Initial noise for one 4x128x128 sample. */
  @Benchmark
  public void randn() {
    noise.randn(latents, 1, N, 42, 0);
  }

  /** fp32 to fp16 of a 2x4x128x128 UNet output. */
  @Benchmark
  public void f32ToF16() {
    latent.f32ToF16(modelOut, half, 2L * N);
  }

  /** The same conversion with ND4J: assign into a preallocated HALF array. */
  @Benchmark
  public INDArray f32ToF16Nd4j() {
    nd4j.f32ToF16();
    return nd4j.half();
  }
}
