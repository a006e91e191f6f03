package org.segfill.engine.sdxl.scheduler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.segfill.engine.sdxl.scheduler.Refs.assertRefused;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Strength truncation (contract B5, part 0 item 6) and request validation. */
class StrengthTest {
  private static final SchedulerConfig SDXL = SchedulerConfig.sdxlDefaults();

  @Test
  void strengthBelowOneDropsTheFirstTimestep() {
    Schedule full = Sampler.EULER.plan(SDXL, 20, 1.0);
    for (double strength : new double[] {0.99, 0.9999}) {
      Schedule s = Sampler.EULER.plan(SDXL, 20, strength);
      assertEquals(1, s.beginIndex(), "strength " + strength);
      assertEquals(19, s.unetCalls(), "strength " + strength);
      assertArrayEquals(Arrays.copyOfRange(full.timesteps(), 1, 20), s.timesteps());
      assertArrayEquals(Arrays.copyOfRange(full.sigmas(), 1, 21), s.sigmas());
      assertEquals(901f, s.timesteps()[0]);
      assertFalse(s.startsFromNoise());
      assertEquals(full.initNoiseSigma(), s.initNoiseSigma(), "from the full schedule");
    }
    assertEquals(29, Sampler.EULER.plan(SDXL, 30, 0.99).unetCalls());
    assertEquals(49, Sampler.EULER.plan(SDXL, 50, 0.9999).unetCalls());
    // int(150 * 0.99) = 148: above 100 steps, 0.99 drops two.
    assertEquals(148, Sampler.EULER.plan(SDXL, 150, 0.99).unetCalls());
  }

  @Test
  void strengthOneRunsEveryStepFromPureNoise() {
    Schedule s = Sampler.EULER.plan(SDXL, 20, 1.0);
    assertEquals(0, s.beginIndex());
    assertEquals(20, s.unetCalls());
    assertEquals(951f, s.timesteps()[0]);
    assertTrue(s.startsFromNoise());
  }

  @Test
  void lowStrengthRunsTheTail() {
    // The remove target's refinement pass: strength 0.6, 30 steps -> 18 steps from index 12.
    Schedule s = Sampler.DPMPP_2M.plan(SDXL, 30, 0.6);
    assertEquals(12, s.beginIndex());
    assertEquals(18, s.unetCalls());
    assertEquals(12, s.step(0).index());
    assertEquals(1, s.step(0).order());
  }

  @Test
  void aRequestThatRunsNoStepIsRefusedNamingStrengthAndSteps() {
    String message = assertRefused(() -> Sampler.EULER.plan(SDXL, 1, 0.99),
        "strength 0.99", "steps 1", "int(steps * strength) = 0", "steps >= 2");
    assertTrue(message.contains("strength 1"), message);
    assertRefused(() -> Sampler.DPMPP_2M.plan(SDXL, 3, 0.2),
        "strength 0.2 with steps 3", "use steps >= 5", "above 1/3");
    assertEquals(1, Sampler.EULER.plan(SDXL, 2, 0.5).unetCalls());
  }

  @Test
  void outOfRangeValuesAreRefusedWithTheRange() {
    assertRefused(() -> Sampler.EULER.plan(SDXL, 0, 0.99), "steps must be in [1, 1000]", "got 0");
    assertRefused(() -> Sampler.EULER.plan(SDXL, 1001, 0.99), "got 1001");
    assertRefused(() -> Sampler.EULER.plan(SDXL, 20, 0), "strength must be in (0, 1], got 0.0");
    assertRefused(() -> Sampler.EULER.plan(SDXL, 20, 1.01), "got 1.01");
    assertRefused(() -> Sampler.EULER.plan(SDXL, 20, Double.NaN), "got NaN");
  }

  @Test
  void aGridThatRepeatsNoiseLevelsIsRefused() {
    // DPM-Solver "leading" with 1000 steps: ratio 1000 // 1001 = 0, every timestep 1.
    assertRefused(() -> Sampler.DPMPP_2M.plan(SDXL, 1000, 1.0),
        "steps 1000 is too many for num_train_timesteps 1000 with timestep_spacing leading");
    // Euler "leading" with 1000 steps and offset 1 starts at t = 1000, past the table's end,
    // which np.interp clamps to sigma(999), the next step's sigma as well.
    assertRefused(() -> Sampler.EULER.plan(SDXL, 1000, 1.0), "repeats noise level 14.6146");
    assertEquals(999, Sampler.EULER.plan(SDXL, 999, 1.0).unetCalls());
    assertEquals(999f, Sampler.DPMPP_2M.plan(SDXL, 499, 1.0).timesteps()[0], "2 * 499 + 1");
  }
}
