package org.segfill.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.segfill.kernels.NoiseRandnTest.bits;

import java.util.Random;
import org.bytedeco.javacpp.FloatPointer;
import org.junit.jupiter.api.Test;
import org.segfill.cuda.CudaStream;
import org.segfill.cuda.DeviceBuffer;
import org.segfill.testing.RequiresCuda;

/**
 * The CUDA build of the core kernels (STREAM copy and triad, synchronize) against the CPU twin,
 * bit for bit: triad is one multiply and one add per element and neither build contracts them
 * into an FMA. Also checks that synchronize() orders work queued on a created stream and on the
 * legacy default stream (a null handle).
 */
@RequiresCuda
class CoreKernelsGpuTest {
  private final CoreKernels cpu = new CoreKernels(KernelTarget.cpu());

  private static float[] random(Random random, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (random.nextGaussian() * 1e3);
    }
    return v;
  }

  @Test
  void copyAndTriadMatchTheCpuTwin() {
    Random random = new Random(61);
    // 1 element, a partial block, and a size that is no multiple of any block or vector width.
    for (int n : new int[] {1, 255, 1_000_003}) {
      float[] b = random(random, n);
      float[] c = random(random, n);
      float s = (float) random.nextGaussian();
      float[] expectedTriad;
      try (FloatPointer pa = new FloatPointer(n);
          FloatPointer pb = new FloatPointer(b);
          FloatPointer pc = new FloatPointer(c)) {
        cpu.streamTriad(pa, pb, pc, s, n);
        expectedTriad = DeviceData.floats(pa, n);
      }
      try (CudaStream stream = CudaStream.create();
          DeviceBuffer a = DeviceBuffer.allocate(4L * n);
          DeviceBuffer db = DeviceData.upload(b);
          DeviceBuffer dc = DeviceData.upload(c);
          DeviceBuffer copy = DeviceBuffer.allocate(4L * n)) {
        CoreKernels gpu = new CoreKernels(KernelTarget.cuda(stream.handle()));
        gpu.streamTriad(a.asFloats(), db.asFloats(), dc.asFloats(), s, n);
        // Queued behind the triad on the same stream: copies the triad's result, not garbage.
        gpu.streamCopy(a.asFloats(), copy.asFloats(), n);
        gpu.synchronize();
        assertArrayEquals(bits(expectedTriad), bits(DeviceData.floats(a, n)), "triad n=" + n);
        assertArrayEquals(bits(expectedTriad), bits(DeviceData.floats(copy, n)), "copy n=" + n);
      }
    }
  }

  @Test
  void theLegacyDefaultStreamWorksToo() {
    int n = 4099;
    float[] b = random(new Random(62), n);
    try (DeviceBuffer src = DeviceData.upload(b);
        DeviceBuffer dst = DeviceBuffer.allocate(4L * n)) {
      CoreKernels gpu = new CoreKernels(KernelTarget.cuda(null));
      gpu.streamCopy(src.asFloats(), dst.asFloats(), n);
      gpu.synchronize();
      assertArrayEquals(bits(b), bits(DeviceData.floats(dst, n)));
    }
  }
}
