package org.segfill.bench;

import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.FloatPointer;
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
import org.segfill.kernels.CoreKernels;
import org.segfill.kernels.KernelTarget;

/**
 * STREAM-style copy and triad over 256 MiB arrays (far beyond any cache), run by the CPU twin
 * with its OpenMP team: the memory-bandwidth reference the other suites are compared with.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 3, time = 2)
public class BandwidthBench {
  /** Floats per array: 64 Mi floats = 256 MiB. */
  public static final long N = 64L << 20;

  private final CoreKernels kernels = new CoreKernels(KernelTarget.cpu());
  private FloatPointer a;
  private FloatPointer b;
  private FloatPointer c;

  @Setup
  public void allocate() {
    a = new FloatPointer(N);
    b = new FloatPointer(N);
    c = new FloatPointer(N);
    // Touch every page once so the first measured pass does not pay page faults.
    kernels.streamTriad(a, b, c, 0f, N);
    kernels.streamTriad(b, a, c, 0f, N);
    kernels.streamTriad(c, a, b, 0f, N);
  }

  @TearDown
  public void free() {
    a.close();
    b.close();
    c.close();
  }

  /** Reads N floats and writes N floats. */
  @Benchmark
  public void copy() {
    kernels.streamCopy(b, a, N);
  }

  /** Reads 2N floats and writes N floats. */
  @Benchmark
  public void triad() {
    kernels.streamTriad(a, b, c, 3f, N);
  }
}
