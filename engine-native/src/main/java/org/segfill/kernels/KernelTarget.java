package org.segfill.kernels;

import java.util.Objects;
import org.bytedeco.javacpp.Pointer;

/**
 * A device plus the stream kernels are enqueued on. CPU targets have no stream and run
 * synchronously; CUDA targets are asynchronous until {@link CoreKernels#synchronize()}.
 *
 * @param device where kernels run
 * @param stream the cudaStream_t for CUDA (a null pointer means the legacy default stream);
 *     ignored on the CPU
 */
public record KernelTarget(Device device, Pointer stream) {
  private static final KernelTarget CPU = new KernelTarget(Device.CPU, null);

  public KernelTarget {
    Objects.requireNonNull(device, "device");
  }

  /**
   * The CPU twin.
   *
   * @throws UnsupportedOperationException on a CPU without the x86-64-v3 features the twin is
   *     compiled for, instead of a SIGILL in the first kernel
   */
  public static KernelTarget cpu() {
    if (!CpuSupport.SUPPORTED) {
      throw new UnsupportedOperationException(
          "the CPU kernels need an x86-64-v3 CPU (AVX2, FMA, BMI2); this CPU lacks them");
    }
    return CPU;
  }

  private static final class CpuSupport {
    static final boolean SUPPORTED = org.segfill.kernels.binding.CoreLib.sf_cpu_supported() == 1;
  }

  /** The CUDA build, on the given stream (null for the default stream). */
  public static KernelTarget cuda(Pointer stream) {
    return new KernelTarget(Device.CUDA, stream);
  }
}
