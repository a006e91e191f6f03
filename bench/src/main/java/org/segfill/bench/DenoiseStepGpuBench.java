package org.segfill.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.BytePointer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.segfill.cuda.CapturedStep;
import org.segfill.cuda.CudaMemory;
import org.segfill.cuda.CudaStream;
import org.segfill.cuda.DeviceBuffer;
import org.segfill.devices.CudaProbe;
import org.segfill.kernels.KernelTarget;
import org.segfill.kernels.LatentKernels;
import org.segfill.kernels.NoiseKernels;
import org.segfill.kernels.PlannedStepKernels;
import org.segfill.kernels.StepValues;

/**
 * What the device-resident loop adds to each step besides the UNet, at 1024x1024 (latents
 * 4x128x128) with CFG and Euler ancestral (the noisy, heaviest sampler step): the planned UNet
 * input, the planned CFG + sampler step and the index advance, for 30 steps queued back to back
 * and one synchronisation, reported per step. {@code direct} launches the three kernels every
 * step; {@code graph} replays them from one captured CUDA graph, as the loop does. Without a
 * CUDA device the set-up fails at once with the reason; on a CPU-only machine exclude the suite
 * with {@code -e GpuBench}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
public class DenoiseStepGpuBench {
  private static final int STEPS = 30;
  private static final int SIDE = 128;
  private static final long N = 4L * SIDE * SIDE;

  @Param({"direct", "graph"})
  public String launch;

  private CudaStream stream;
  private CudaMemory[] owned;
  private DeviceBuffer index;
  private CapturedStep step;

  @Setup
  public void allocate() {
    if (!CudaProbe.available()) {
      throw new IllegalStateException(
          "DenoiseStepGpuBench needs a CUDA device: " + CudaProbe.probe().reason());
    }
    stream = CudaStream.create();
    KernelTarget target = KernelTarget.cuda(stream.handle());
    List<StepValues> table = new ArrayList<>();
    for (int k = 0; k < STEPS; k++) {
      double sigma = 14.6 * Math.pow(0.85, k);
      table.add(new StepValues(999f - 33 * k, (float) (1 / Math.sqrt(sigma * sigma + 1)),
          LatentKernels.eulerAncestralCoefs(sigma, sigma * 0.85), 1000 + k));
    }
    byte[] encoded = StepValues.encode(table);
    DeviceBuffer latents;
    DeviceBuffer mask;
    DeviceBuffer masked;
    DeviceBuffer unetIn;
    DeviceBuffer timestep;
    DeviceBuffer modelOut;
    DeviceBuffer plans;
    owned = new CudaMemory[] {
      latents = DeviceBuffer.allocate(N * Float.BYTES),
      mask = DeviceBuffer.allocate(N / 4 * Float.BYTES),
      masked = DeviceBuffer.allocate(N * Float.BYTES),
      unetIn = DeviceBuffer.allocate(2L * 9 * SIDE * SIDE * Float.BYTES),
      timestep = DeviceBuffer.allocate(Float.BYTES),
      modelOut = DeviceBuffer.allocate(2 * N * Float.BYTES),
      plans = DeviceBuffer.allocate(encoded.length),
      index = DeviceBuffer.allocate(Integer.BYTES),
    };
    try (BytePointer host = new BytePointer(encoded)) {
      plans.upload(host, encoded.length);
    }
    NoiseKernels noise = new NoiseKernels(target);
    noise.randn(latents.asFloats(), 1, N, 1, 0);
    noise.randn(mask.asFloats(), 1, N / 4, 2, 0);
    noise.randn(masked.asFloats(), 1, N, 3, 0);
    noise.randn(modelOut.asFloats(), 2, N, 4, 0);
    stream.synchronize();
    PlannedStepKernels kernels = new PlannedStepKernels(target);
    Runnable queue = () -> {
      kernels.unetInput(latents.asFloats(), mask.asFloats(), masked.asFloats(), 1, 1, SIDE, SIDE,
          true, plans.asBytes(), STEPS, index.asInts(), unetIn.asFloats(), timestep.asFloats());
      kernels.samplerStep(modelOut.asFloats(), latents.asFloats(), null, 1, N, true, 7.5f,
          plans.asBytes(), STEPS, index.asInts(), 42L);
      kernels.advance(index.asInts());
    };
    step = new CapturedStep(stream.handle(), launch.equals("graph"), queue);
  }

  @TearDown
  public void free() {
    if (stream != null) {
      stream.synchronize();
    }
    if (step != null) {
      step.close();
    }
    if (owned != null) {
      for (CudaMemory m : owned) {
        if (m != null) {
          m.close();
        }
      }
    }
    if (stream != null) {
      stream.close();
    }
  }

  /** 30 steps queued back to back, then one wait; the score is per step. */
  @Benchmark
  @OperationsPerInvocation(STEPS)
  public void thirtySteps() {
    // The index starts over so every step reads a real table entry.
    try (BytePointer zero = new BytePointer(Integer.BYTES)) {
      zero.zero();
      index.upload(zero, Integer.BYTES);
    }
    for (int k = 0; k < STEPS; k++) {
      step.launch();
    }
    stream.synchronize();
  }
}
