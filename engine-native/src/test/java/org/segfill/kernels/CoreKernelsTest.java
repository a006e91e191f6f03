package org.segfill.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.segfill.kernels.MaskBinaryOpsTest.assertMessage;

import java.util.Random;
import org.bytedeco.javacpp.FloatPointer;
import org.junit.jupiter.api.Test;

class CoreKernelsTest {
  private final CoreKernels kernels = new CoreKernels(KernelTarget.cpu());

  @Test
  void libraryDescribesItself() {
    assertEquals("0.1.0", CoreKernels.version());
    assertTrue(CoreKernels.cpuThreads() >= 1);
  }

  @Test
  void copyAndTriadMatchJava() {
    int n = 300_007; // above the OpenMP threshold and not a multiple of any vector width
    float[] b = new float[n];
    float[] c = new float[n];
    Random random = new Random(4);
    for (int i = 0; i < n; i++) {
      b[i] = random.nextFloat();
      c[i] = random.nextFloat();
    }
    float[] expected = new float[n];
    for (int i = 0; i < n; i++) {
      expected[i] = b[i] + 3f * c[i];
    }
    try (FloatPointer pa = new FloatPointer(n);
        FloatPointer pb = new FloatPointer(b);
        FloatPointer pc = new FloatPointer(c)) {
      kernels.streamTriad(pa, pb, pc, 3f, n);
      float[] actual = new float[n];
      pa.get(actual);
      assertArrayEquals(expected, actual, 0f);
      kernels.streamCopy(pb, pa, n);
      pa.get(actual);
      assertArrayEquals(b, actual, 0f);
    }
  }

  @Test
  void theFaultInjectionDoesNothingOnTheCpuTwinButSaySo() {
    KernelException e = assertThrows(KernelException.class,
        () -> new CoreKernels(KernelTarget.cpu()).breakTheDeviceForTests());
    assertEquals("sf_debug_illegal_address", e.operation());
    assertEquals(10002, e.status());
    // The twin still works afterwards.
    new CoreKernels(KernelTarget.cpu()).synchronize();
  }

  @Test
  void badArgumentsAreRefusedBeforeNativeCode() {
    try (FloatPointer small = new FloatPointer(4); FloatPointer big = new FloatPointer(64)) {
      assertMessage("dst holds 4 elements, needs 64", () -> kernels.streamCopy(big, small, 64));
      assertMessage("n must be > 0, got 0", () -> kernels.streamCopy(big, big, 0));
      assertMessage("c must not be null", () -> kernels.streamTriad(big, big, null, 1f, 8));
      assertMessage("s must be finite, got NaN",
          () -> kernels.streamTriad(big, big, big, Float.NaN, 8));
      assertMessage("target must not be null", () -> new CoreKernels(null));
    }
  }
}
