package org.segfill.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.segfill.kernels.MaskBinaryOpsTest.assertMessage;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Philox4x32-10 known-answer vectors (Random123 kat_vectors) through the kernel and the twin. */
class PhiloxTest {
  private static final int[][][] KAT = {
    {{0, 0, 0, 0}, {0, 0}, {0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8}},
    {{-1, -1, -1, -1}, {-1, -1}, {0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd}},
    {
      {0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344},
      {0xa4093822, 0x299f31d0},
      {0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1}
    },
  };

  @Test
  void kernelMatchesKnownAnswers() {
    for (int[][] v : KAT) {
      assertArrayEquals(v[2], NoiseKernels.philox4x32x10(v[0], v[1]));
    }
  }

  @Test
  void javaTwinMatchesKnownAnswers() {
    for (int[][] v : KAT) {
      assertArrayEquals(v[2], PhiloxTwin.philox(v[0], v[1]));
    }
  }

  @Test
  void kernelMatchesTwinOnRandomBlocks() {
    Random random = new Random(11);
    for (int t = 0; t < 2000; t++) {
      int[] ctr = {random.nextInt(), random.nextInt(), random.nextInt(), random.nextInt()};
      int[] key = {random.nextInt(), random.nextInt()};
      assertArrayEquals(PhiloxTwin.philox(ctr, key), NoiseKernels.philox4x32x10(ctr, key));
    }
  }

  @Test
  void badArgumentsAreRefused() {
    assertMessage("ctr must have 4 words",
        () -> NoiseKernels.philox4x32x10(new int[3], new int[2]));
    assertMessage("key must have 2 words",
        () -> NoiseKernels.philox4x32x10(new int[4], new int[1]));
    assertMessage("ctr must not be null", () -> NoiseKernels.philox4x32x10(null, new int[2]));
    assertMessage("key must not be null", () -> NoiseKernels.philox4x32x10(new int[4], null));
  }
}
