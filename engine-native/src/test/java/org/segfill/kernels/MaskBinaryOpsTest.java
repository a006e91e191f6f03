package org.segfill.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.bytedeco.javacpp.BytePointer;
import org.junit.jupiter.api.Test;

class MaskBinaryOpsTest {
  private final MaskKernels kernels = new MaskKernels(KernelTarget.cpu());

  @Test
  void binarizeMatchesJavaReferenceAtEverySize() {
    Random random = new Random(1);
    for (int n : new int[] {1, 7, 255, 1023, 100_003}) {
      byte[] data = new byte[n];
      random.nextBytes(data);
      byte[] expected = new byte[n];
      for (int i = 0; i < n; i++) {
        expected[i] = (byte) ((data[i] & 0xff) >= 128 ? 255 : 0);
      }
      try (BytePointer in = new BytePointer(data); BytePointer out = new BytePointer(n)) {
        kernels.binarize(in, out, n, 128);
        byte[] actual = new byte[n];
        out.get(actual);
        assertArrayEquals(expected, actual, "n=" + n);
      }
    }
  }

  @Test
  void invertTwiceIsIdentityInPlace() {
    byte[] data = new byte[4097];
    new Random(2).nextBytes(data);
    try (BytePointer buf = new BytePointer(data)) {
      kernels.invert(buf, buf, data.length);
      byte[] once = new byte[data.length];
      buf.get(once);
      for (int i = 0; i < data.length; i++) {
        assertTrue((once[i] & 0xff) == 255 - (data[i] & 0xff), "index " + i);
      }
      kernels.invert(buf, buf, data.length);
      byte[] twice = new byte[data.length];
      buf.get(twice);
      assertArrayEquals(data, twice);
    }
  }

  @Test
  void badArgumentsAreRefusedBeforeNativeCode() {
    try (BytePointer small = new BytePointer(10); BytePointer big = new BytePointer(100)) {
      assertMessage("out holds 10 elements, needs 100",
          () -> kernels.binarize(big, small, 100, 128));
      assertMessage("n must be > 0", () -> kernels.binarize(big, big, 0, 128));
      assertMessage("threshold must be in [0, 256]", () -> kernels.binarize(big, big, 10, 300));
      assertMessage("in must not be null", () -> kernels.invert(null, big, 10));
      assertMessage("n must be > 0", () -> kernels.invert(big, big, -5));
    }
  }

  static void assertMessage(String expectedPart, Runnable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
    assertTrue(e.getMessage().contains(expectedPart),
        "message '" + e.getMessage() + "' should contain '" + expectedPart + "'");
  }
}
