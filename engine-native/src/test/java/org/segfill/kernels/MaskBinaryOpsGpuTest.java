package org.segfill.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.bytedeco.javacpp.BytePointer;
import org.junit.jupiter.api.Test;
import org.segfill.cuda.CudaStream;
import org.segfill.cuda.DeviceBuffer;
import org.segfill.testing.RequiresCuda;

/** The CUDA build of the binary mask ops against the CPU twin, bit for bit. */
@RequiresCuda
class MaskBinaryOpsGpuTest {

  @Test
  void binarizeAndInvertMatchTheCpuTwin() {
    int n = 1_000_003;
    byte[] data = new byte[n];
    new Random(3).nextBytes(data);
    try (CudaStream stream = CudaStream.create();
        DeviceBuffer in = DeviceBuffer.allocate(n);
        DeviceBuffer out = DeviceBuffer.allocate(n);
        BytePointer host = new BytePointer(data);
        BytePointer cpuOut = new BytePointer(n);
        BytePointer gpuOut = new BytePointer(n)) {
      MaskKernels gpu = new MaskKernels(KernelTarget.cuda(stream.handle()));
      MaskKernels cpu = new MaskKernels(KernelTarget.cpu());
      in.upload(host, n);

      gpu.binarize(in.asBytes(), out.asBytes(), n, 100);
      gpu.invert(out.asBytes(), out.asBytes(), n);
      stream.synchronize();
      out.download(gpuOut, n);

      cpu.binarize(host, cpuOut, n, 100);
      cpu.invert(cpuOut, cpuOut, n);
      assertArrayEquals(bytes(cpuOut, n), bytes(gpuOut, n));
    }
  }

  private static byte[] bytes(BytePointer p, int n) {
    byte[] b = new byte[n];
    p.get(b);
    return b;
  }
}
