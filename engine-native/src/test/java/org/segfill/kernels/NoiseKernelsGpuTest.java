package org.segfill.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.segfill.kernels.NoiseRandnTest.bits;

import org.junit.jupiter.api.Test;
import org.segfill.cuda.CudaStream;
import org.segfill.cuda.DeviceBuffer;
import org.segfill.testing.RequiresCuda;

/**
 * The CUDA build of randn against the CPU twin, bit for bit (Philox is integer arithmetic; the
 * Box-Muller log and sincos are segfill's own float code with no FMA on either side), over the
 * shapes where an indexing bug would hide: n below, at and just above one Philox block of four,
 * batches whose seeds wrap past 2^64 - 1, and the extreme noise streams.
 */
@RequiresCuda
class NoiseKernelsGpuTest {
  private final NoiseKernels cpu = new NoiseKernels(KernelTarget.cpu());

  @Test
  void randnMatchesTheCpuTwinOnEveryShape() {
    int[] sizes = {1, 2, 3, 4, 5, 7, 8, 9, 1023, 4 * 64 * 64, 4 * 128 * 128 + 1};
    long[] seeds = {0L, 1L, -1L, -2L, Long.MIN_VALUE, 0x5eed_f111_0000_0001L};
    int[] noiseStreams = {0, 1, 7, -1};
    try (CudaStream stream = CudaStream.create()) {
      NoiseKernels gpu = new NoiseKernels(KernelTarget.cuda(stream.handle()));
      for (int n : sizes) {
        for (int batch : new int[] {1, 3}) {
          for (long seed : seeds) {
            for (int noiseStream : noiseStreams) {
              float[] expected = NoiseRandnTest.randn(cpu, batch, n, seed, noiseStream);
              try (DeviceBuffer out = DeviceBuffer.allocate(4L * batch * n)) {
                gpu.randn(out.asFloats(), batch, n, seed, noiseStream);
                stream.synchronize();
                assertArrayEquals(bits(expected), bits(DeviceData.floats(out, batch * n)),
                    "n=" + n + " batch=" + batch + " seed=" + Long.toUnsignedString(seed)
                        + " stream=" + Integer.toUnsignedString(noiseStream));
              }
            }
          }
        }
      }
    }
  }
}
