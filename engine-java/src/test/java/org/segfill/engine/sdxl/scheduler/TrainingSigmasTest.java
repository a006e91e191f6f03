package org.segfill.engine.sdxl.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.segfill.engine.sdxl.scheduler.Refs.assertRel;

import org.junit.jupiter.api.Test;

/** The float32 training sigmas and diffusers' interpolations over them. */
class TrainingSigmasTest {
  private final TrainingSigmas sdxl = TrainingSigmas.of(SchedulerConfig.sdxlDefaults());

  @Test
  void sdxlEndsMatchTheContractAndFloat32Diffusers() {
    assertEquals(1000, sdxl.size());
    // Contract B8: sigma(999) = 14.6146, sigma(0) = 0.02917 (4 and 4 significant digits).
    assertEquals(14.6146, sdxl.max(), 5e-5);
    assertEquals(0.02917, sdxl.min(), 5e-6);
    // numpy re-derivation in float32 (see Refs): 14.614647, 0.029167533; within 1 ulp.
    assertRel(14.614647, sdxl.max(), 1.2e-7, "sigma(999)");
    assertRel(0.029167533, sdxl.min(), 1.2e-7, "sigma(0)");
  }

  @Test
  void float32ConstructionIsWhatMovesSigmaMin() {
    // The same formula in double gives sigma(0) = 0.029167158151720367 (numpy float64): 1.3e-5
    // relative below diffusers' float32 value, the reason the table is built in float32.
    double betaStart = 0.00085;
    double sigma0Double = Math.sqrt(betaStart / (1 - betaStart));
    assertRel(0.029167158151720367, sigma0Double, 1e-12, "double sigma(0)");
    assertTrue(Math.abs(sdxl.min() / sigma0Double - 1) > 1e-5, "float32 differs from double");
  }

  @Test
  void sigmasIncreaseWithTheTimestep() {
    for (int t = 1; t < sdxl.size(); t++) {
      assertTrue(sdxl.sigma(t) > sdxl.sigma(t - 1), "sigma(" + t + ")");
    }
  }

  @Test
  void interpolationIsExactAtIntegersLinearBetweenAndClamped() {
    assertEquals(sdxl.sigma(981), sdxl.interpolate(981.0));
    double mid = ((double) sdxl.sigma(500) + sdxl.sigma(501)) / 2;
    assertEquals(mid, sdxl.interpolate(500.5), 1e-12);
    assertEquals(sdxl.min(), sdxl.interpolate(-1.0));
    assertEquals(sdxl.max(), sdxl.interpolate(1234.0));
  }

  @Test
  void timestepOfSigmaInvertsTheTableInLogSigma() {
    // Exact only up to the float32 log table, as in numpy: log sigma in double against a
    // float32 log, over a log step of ~2e-3 between neighbours, leaves up to ~1e-5.
    assertEquals(0.0, sdxl.timestepOf(sdxl.min()), 1e-5);
    assertEquals(999.0, sdxl.timestepOf(sdxl.max()), 1e-5);
    assertEquals(640.0, sdxl.timestepOf(sdxl.sigma(640)), 1e-5);
    double between = Math.sqrt((double) sdxl.sigma(300) * sdxl.sigma(301));
    assertEquals(300.5, sdxl.timestepOf(between), 1e-5, "geometric mean is halfway in log");
    assertEquals(0.0, sdxl.timestepOf(1e-3), "below sigma(0) clamps");
    assertEquals(999.0, sdxl.timestepOf(100), "above sigma(999) clamps");
  }

  @Test
  void linearBetasGiveTheirOwnTable() {
    SchedulerConfig linear = new SchedulerConfig(1000, 0.0001, 0.02,
        SchedulerConfig.BetaSchedule.LINEAR, SchedulerConfig.TimestepSpacing.LEADING, 1, false,
        SchedulerConfig.FinalSigmas.ZERO);
    TrainingSigmas table = TrainingSigmas.of(linear);
    // numpy float32 re-derivation: sigma(1) = 0.014832044, sigma(901) = 61.378853.
    assertRel(0.014832044, table.sigma(1), 1.2e-7, "linear sigma(1)");
    assertRel(61.378853, table.sigma(901), 1.2e-7, "linear sigma(901)");
  }
}
