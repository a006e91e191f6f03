package org.segfill.kernels;

import org.bytedeco.javacpp.FloatPointer;
import org.segfill.kernels.binding.CoreLib;

/** Library facts, synchronisation, and the STREAM copy/triad bandwidth reference kernels. */
public final class CoreKernels {
  private final KernelTarget target;

  public CoreKernels(KernelTarget target) {
    this.target = Args.notNull("target", target);
  }

  /** The kernel library version, e.g. "0.1.0". */
  public static String version() {
    return CoreLib.sf_version();
  }

  /** OpenMP threads the CPU twin uses. */
  public static int cpuThreads() {
    return CoreLib.sf_cpu_threads();
  }

  /** Waits for the target's queued work (returns at once on the CPU). */
  public void synchronize() {
    Status.check("sf_synchronize", CoreLib.sf_synchronize(target.device().code(), target.stream()));
  }

  /** dst[i] = src[i] for n floats. */
  public void streamCopy(FloatPointer src, FloatPointer dst, long n) {
    Args.positive("n", n);
    Args.elements("src", src, n);
    Args.elements("dst", dst, n);
    Status.check(
        "sf_stream_copy_f32",
        CoreLib.sf_stream_copy_f32(target.device().code(), target.stream(), src, dst, n));
  }

  /** a[i] = b[i] + s * c[i] for n floats. */
  public void streamTriad(FloatPointer a, FloatPointer b, FloatPointer c, float s, long n) {
    Args.positive("n", n);
    Args.elements("a", a, n);
    Args.elements("b", b, n);
    Args.elements("c", c, n);
    Args.finite("s", s);
    Status.check(
        "sf_stream_triad_f32",
        CoreLib.sf_stream_triad_f32(target.device().code(), target.stream(), a, b, c, s, n));
  }

  /**
   * Test-only (reliability A6): makes the GPU meet a sticky CUDA error, as a faulty kernel
   * would: queues a kernel that writes to an unmapped address, then synchronises, which throws a
   * {@link KernelException} with cudaErrorIllegalAddress (700). The CUDA context of the process
   * is lost for good afterwards. On the CPU twin it throws with SF_ERR_UNSUPPORTED and does
   * nothing else.
   */
  public void breakTheDeviceForTests() {
    Status.check("sf_debug_illegal_address",
        CoreLib.sf_debug_illegal_address(target.device().code(), target.stream()));
    synchronize();
  }
}
