package org.segfill.engine.sdxl.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.function.Executable;

/**
 * Assertions shared by the scheduler tests.
 *
 * <p>Reference numbers in these tests come from a numpy re-derivation of diffusers' {@code
 * EulerDiscreteScheduler}, {@code EulerAncestralDiscreteScheduler} and {@code
 * DPMSolverMultistepScheduler} (main branch): the training table built in float32 as torch does
 * on the CPU (float32 linspace and betas, cumprod accumulated in double, float32 sigma), then
 * {@code set_timesteps} line by line with numpy (np.arange, np.linspace, np.interp, the
 * {@code _sigma_to_t} log interpolation, {@code _convert_to_karras}) and the step formulas in
 * float32. Printed values are float32 (shortest repr).
 */
final class Refs {
  private Refs() {}

  static void assertRel(double expected, double actual, double rel, String what) {
    double err = Math.abs(actual - expected);
    assertTrue(err <= rel * Math.abs(expected),
        what + ": expected " + expected + " got " + actual + " (relative error "
            + (err / Math.abs(expected)) + " > " + rel + ")");
  }

  static void assertAllRel(double[] expected, float[] actual, double rel, String what) {
    assertEquals(expected.length, actual.length, what + " length");
    for (int i = 0; i < expected.length; i++) {
      if (expected[i] == 0) {
        assertEquals(0f, actual[i], what + "[" + i + "]");
      } else {
        assertRel(expected[i], actual[i], rel, what + "[" + i + "]");
      }
    }
  }

  static float[] floats(double... values) {
    float[] f = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      f[i] = (float) values[i];
    }
    return f;
  }

  /** Asserts an IllegalArgumentException whose message contains every fragment. */
  static String assertRefused(Executable call, String... fragments) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    for (String fragment : fragments) {
      assertTrue(e.getMessage().contains(fragment),
          "message '" + e.getMessage() + "' lacks '" + fragment + "'");
    }
    return e.getMessage();
  }
}
