package org.segfill.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.segfill.kernels.NoiseRandnTest.bits;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.junit.jupiter.api.Test;

/**
 * {@link PlannedStepKernels#copyToStepSlot} on the CPU twin against a Java reference: each step
 * lands in slot {@code step % slots} as the planned loop advances the index, the ring wraps, the
 * other slots keep their values, a negative index writes nothing, and bad arguments are refused
 * with the argument's name before any native call.
 */
class CopyToStepSlotTest {

  private final PlannedStepKernels kernels = new PlannedStepKernels(KernelTarget.cpu());

  @Test
  void eachStepLandsInItsSlotAndTheRingWraps() {
    // n odd and small (one thread), then past the OpenMP threshold (2^18 floats).
    copySteps(7, 3, 8);
    copySteps((1 << 18) + 5, 2, 5);
    copySteps(4, 1, 3);
  }

  private void copySteps(int n, int slots, int steps) {
    float[] want = sentinels(slots * n);
    try (FloatPointer src = new FloatPointer(n);
        FloatPointer ring = new FloatPointer(want);
        IntPointer step = new IntPointer(new int[] {0})) {
      for (int k = 0; k < steps; k++) {
        float[] values = stepValues(k, n);
        src.put(values);
        kernels.copyToStepSlot(src, ring, n, slots, step);
        reference(values, want, n, slots, k);
        assertArrayEquals(bits(want), bits(floats(ring, slots * n)),
            "ring after step " + k + " (n " + n + ", " + slots + " slots)");
        kernels.advance(step);
      }
      assertEquals(steps, step.get(0), "the copy leaves the index alone");
    }
  }

  @Test
  void theSlotIsReadFromTheIndexNotCountedByTheHost() {
    int n = 5;
    int slots = 4;
    float[] want = sentinels(slots * n);
    try (FloatPointer src = new FloatPointer(n);
        FloatPointer ring = new FloatPointer(want);
        IntPointer step = new IntPointer(1)) {
      for (int k : new int[] {6, 2, 63, 4, 1000}) {
        step.put(0, k);
        float[] values = stepValues(k, n);
        src.put(values);
        kernels.copyToStepSlot(src, ring, n, slots, step);
        reference(values, want, n, slots, k);
        assertArrayEquals(bits(want), bits(floats(ring, slots * n)), "index " + k);
      }
      // 6 then 2 share slot 2, 4 then 1000 share slot 0: the later index wins; nothing maps to
      // slot 1, which keeps its sentinels.
      assertEquals(stepValues(1000, n)[1], ring.get(1), "slot 0 holds index 1000");
      assertEquals(stepValues(2, n)[1], ring.get(2L * n + 1), "slot 2 holds index 2");
      assertEquals(stepValues(63, n)[1], ring.get(3L * n + 1), "slot 3 holds index 63");
      assertEquals(sentinels(slots * n)[n + 1], ring.get(n + 1L), "slot 1 untouched");
    }
  }

  @Test
  void aNegativeIndexWritesNothing() {
    int n = 6;
    float[] before = sentinels(3 * n);
    try (FloatPointer src = new FloatPointer(stepValues(1, n));
        FloatPointer ring = new FloatPointer(before);
        IntPointer step = new IntPointer(new int[] {-1})) {
      kernels.copyToStepSlot(src, ring, n, 3, step);
      assertArrayEquals(bits(before), bits(floats(ring, 3 * n)));
    }
  }

  @Test
  void refusesBadArgumentsNamingThem() {
    try (FloatPointer src = new FloatPointer(4);
        FloatPointer ring = new FloatPointer(12);
        IntPointer step = new IntPointer(1)) {
      assertRefused("n must be > 0, got 0",
          () -> kernels.copyToStepSlot(src, ring, 0, 3, step));
      assertRefused("slots must be in [1, 64], got 0",
          () -> kernels.copyToStepSlot(src, ring, 4, 0, step));
      assertRefused("slots must be in [1, 64], got 65",
          () -> kernels.copyToStepSlot(src, ring, 4, 65, step));
      assertRefused("src must not be null",
          () -> kernels.copyToStepSlot(null, ring, 4, 3, step));
      assertRefused("ring must not be null",
          () -> kernels.copyToStepSlot(src, null, 4, 3, step));
      assertRefused("step must not be null",
          () -> kernels.copyToStepSlot(src, ring, 4, 3, null));
      assertRefused("src holds 4 elements, needs 5",
          () -> kernels.copyToStepSlot(src, ring, 5, 2, step));
      assertRefused("ring holds 12 elements, needs 16",
          () -> kernels.copyToStepSlot(src, ring, 4, 4, step));
    }
    assertRefused("target must not be null", () -> new PlannedStepKernels(null));
  }

  /** What the kernel does, in Java. */
  static void reference(float[] src, float[] ring, int n, int slots, int step) {
    if (step < 0) {
      return;
    }
    System.arraycopy(src, 0, ring, (step % slots) * n, n);
  }

  /** Values that differ per step and per element, NaN and signed zero included. */
  static float[] stepValues(int step, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = step * 1000f + i * 0.25f - 3f;
    }
    v[0] = step % 2 == 0 ? -0f : Float.intBitsToFloat(0x7fc00000 | step);
    return v;
  }

  /** A value no step writes, distinct per element, so an untouched slot shows. */
  static float[] sentinels(int count) {
    float[] v = new float[count];
    for (int i = 0; i < count; i++) {
      v[i] = -1e6f - i;
    }
    return v;
  }

  private static float[] floats(FloatPointer p, int n) {
    float[] v = new float[n];
    p.get(v);
    return v;
  }

  private static void assertRefused(String message, Runnable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
    assertEquals(message, e.getMessage());
  }
}
