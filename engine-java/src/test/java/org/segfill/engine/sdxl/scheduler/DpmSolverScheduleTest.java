package org.segfill.engine.sdxl.scheduler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.segfill.engine.sdxl.scheduler.Refs.assertAllRel;
import static org.segfill.engine.sdxl.scheduler.Refs.assertRel;
import static org.segfill.engine.sdxl.scheduler.Refs.floats;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.segfill.engine.sdxl.scheduler.SchedulerConfig.BetaSchedule;
import org.segfill.engine.sdxl.scheduler.SchedulerConfig.FinalSigmas;
import org.segfill.engine.sdxl.scheduler.SchedulerConfig.TimestepSpacing;

/**
 * DPM++ 2M schedules (contract B8) against numpy re-derivations of diffusers' {@code
 * DPMSolverMultistepScheduler} (see {@link Refs}). The integer timesteps matched exactly in all
 * 1800 combinations of spacing, Karras, final sigma and N = 1..150 checked.
 */
class DpmSolverScheduleTest {
  private static final SchedulerConfig SDXL = SchedulerConfig.sdxlDefaults();
  private static final double SIGMA_REL = 2.4e-7;
  /** Our coefficients are double rounded once; diffusers' float32 ones differ by ~1e-6. */
  private static final double COEF_REL = 5e-6;

  private static SchedulerConfig sdxlWith(TimestepSpacing spacing, FinalSigmas last) {
    return new SchedulerConfig(1000, 0.00085, 0.012, BetaSchedule.SCALED_LINEAR, spacing, 1,
        false, last);
  }

  @Test
  void leadingUsesAnNPlusOneGrid() {
    Schedule s = Sampler.DPMPP_2M.plan(SDXL, 20, 1.0);
    // ratio = 1000 // 21 = 47: 20*47 + 1 = 941 down to 1*47 + 1 = 48 (0*47 + 1 dropped).
    float[] expected = new float[20];
    for (int k = 0; k < 20; k++) {
      expected[k] = (20 - k) * 47 + 1;
    }
    assertArrayEquals(expected, s.timesteps());
    assertEquals(941f, s.timesteps()[0]);
    assertEquals(48f, s.timesteps()[19]);
    assertAllRel(new double[] {10.425045, 8.08818, 6.380311, 5.11103, 4.152059, 3.4157033,
        2.8411624, 2.3857167, 2.0189621, 1.7189898, 1.4698153, 1.2596295, 1.0795871, 0.92295253,
        0.78448004, 0.65993315, 0.545657, 0.4380623, 0.3326235, 0.22041033, 0}, s.sigmas(),
        SIGMA_REL, "sigmas");
    assertEquals(1f, s.initNoiseSigma());
    for (StepPlan p : s.denoisingSteps()) {
      assertEquals(1f, p.modelInputScale(), "scale_model_input is the identity");
    }
  }

  @Test
  void trailingAndLinspaceGrids() {
    assertArrayEquals(floats(999, 856, 713, 570, 428, 285, 142),
        Sampler.DPMPP_2M.plan(sdxlWith(TimestepSpacing.TRAILING, FinalSigmas.ZERO), 7, 1.0)
            .timesteps());
    // 999 * k / 7 rounded half to even: 713.857 -> 714, 142.714 -> 143.
    assertArrayEquals(floats(999, 856, 714, 571, 428, 285, 143),
        Sampler.DPMPP_2M.plan(sdxlWith(TimestepSpacing.LINSPACE, FinalSigmas.ZERO), 7, 1.0)
            .timesteps());
  }

  @Test
  void karrasSigmasSpanTheWholeTrainingRange() {
    Schedule s = Sampler.DPMPP_2M_KARRAS.plan(SDXL, 20, 1.0);
    assertArrayEquals(floats(999, 962, 921, 876, 827, 772, 710, 640, 561, 474, 380, 285, 197,
        123, 69, 35, 15, 6, 2, 0), s.timesteps());
    float[] sigmas = s.sigmas();
    assertRel(14.614647, sigmas[0], SIGMA_REL, "sigma(999)");
    assertRel(11.725372, sigmas[1], SIGMA_REL, "sigma 1");
    assertRel(0.04848191, sigmas[18], SIGMA_REL, "sigma 18");
    assertRel(0.029167533, sigmas[19], SIGMA_REL, "sigma(0)");
    assertEquals(0f, sigmas[20]);
    for (int k = 1; k < sigmas.length; k++) {
      assertTrue(sigmas[k] < sigmas[k - 1], "decreasing at " + k);
    }
    Schedule ten = Sampler.DPMPP_2M_KARRAS.plan(SDXL, 10, 1.0);
    assertArrayEquals(floats(999, 916, 815, 687, 523, 327, 146, 41, 7, 0), ten.timesteps());
    assertAllRel(new double[] {14.614647, 9.102937, 5.478401, 3.168611, 1.7494231, 0.9140765,
        0.4469209, 0.20139986, 0.08191105, 0.029167533, 0}, ten.sigmas(), SIGMA_REL, "N=10");
  }

  @Test
  void karrasTimestepsRepeatNearZeroForManyStepsButSigmasDoNot() {
    Schedule s = Sampler.DPMPP_2M_KARRAS.plan(SDXL, 150, 1.0);
    float[] t = s.timesteps();
    assertEquals(999f, t[0]);
    assertArrayEquals(floats(1, 1, 1, 1, 0, 0, 0), Arrays.copyOfRange(t, 143, 150));
    float[] sigmas = s.sigmas();
    for (int k = 1; k < sigmas.length; k++) {
      assertTrue(sigmas[k] < sigmas[k - 1], "sigma decreasing at " + k);
    }
  }

  @Test
  void theConfigsKarrasFlagAppliesToPlainDpmpp() {
    SchedulerConfig karras = new SchedulerConfig(1000, 0.00085, 0.012,
        BetaSchedule.SCALED_LINEAR, TimestepSpacing.LEADING, 1, true, FinalSigmas.ZERO);
    assertArrayEquals(Sampler.DPMPP_2M_KARRAS.plan(SDXL, 12, 1.0).sigmas(),
        Sampler.DPMPP_2M.plan(karras, 12, 1.0).sigmas());
  }

  @Test
  void firstStepIsFirstOrderMiddleSecondOrderLastFirstOrderToZero() {
    Schedule s = Sampler.DPMPP_2M.plan(SDXL, 20, 1.0);
    assertEquals(1, s.step(0).order());
    for (int k = 1; k < 19; k++) {
      assertEquals(2, s.step(k).order(), "step " + k);
      assertTrue(s.step(k).readsHistory(), "step " + k);
    }
    assertEquals(1, s.step(19).order(), "final sigma 0 always ends first order");
    assertTrue(s.needsHistory());
    // numpy float32 diffusers formulas (f64 in brackets where it differs):
    // step 0: P 10.472897, Q -10.425045, A 0.9969988, B 0.02750496 (0.027504943), C 0.
    StepCoefficients c0 = s.step(0).coefficients();
    assertRel(10.472897, c0.p(), COEF_REL, "P0");
    assertRel(-10.425045, c0.q(), COEF_REL, "Q0");
    assertRel(0.9969988, c0.a(), COEF_REL, "A0");
    assertRel(0.027504943, c0.b(), COEF_REL, "B0");
    assertEquals(0f, c0.c());
    // step 1: P 8.149764, Q -8.08818, A 0.99546146, B 0.04797314 (0.047973169),
    // C -0.015277345 (-0.015277362).
    StepCoefficients c1 = s.step(1).coefficients();
    assertRel(8.149764, c1.p(), COEF_REL, "P1");
    assertRel(-8.08818, c1.q(), COEF_REL, "Q1");
    assertRel(0.99546146, c1.a(), COEF_REL, "A1");
    assertRel(0.047973169, c1.b(), COEF_REL, "B1");
    assertRel(-0.015277362, c1.c(), COEF_REL, "C1");
    // step 19 to sigma 0: x' = x0, i.e. A 0, B 1; P 1.0240023, Q -0.22041033.
    StepCoefficients last = s.step(19).coefficients();
    assertEquals(0f, last.a());
    assertEquals(1f, last.b(), 1e-7f);
    assertRel(1.0240023, last.p(), COEF_REL, "P19");
    assertRel(-0.22041033, last.q(), COEF_REL, "Q19");
    for (StepPlan p : s.denoisingSteps()) {
      assertEquals(0f, p.coefficients().d());
      assertFalse(p.drawsNoise());
    }
  }

  @Test
  void lowerOrderFinalMattersOnlyWithSigmaMinAndUnderFifteenSteps() {
    SchedulerConfig sigmaMin = sdxlWith(TimestepSpacing.LEADING, FinalSigmas.SIGMA_MIN);
    Schedule short14 = Sampler.DPMPP_2M.plan(sigmaMin, 14, 1.0);
    assertEquals(1, short14.step(13).order(), "14 < 15 steps: lower_order_final");
    assertEquals(2, short14.step(12).order());
    Schedule long15 = Sampler.DPMPP_2M.plan(sigmaMin, 15, 1.0);
    assertEquals(2, long15.step(14).order(), "15 steps to sigma_min: second order to the end");
    assertRel(0.029167533, long15.sigmas()[15], SIGMA_REL, "final sigma_min");
    assertEquals(1, Sampler.DPMPP_2M.plan(SDXL, 15, 1.0).step(14).order(), "zero: first order");
    assertEquals(1, Sampler.DPMPP_2M.plan(SDXL, 40, 1.0).step(39).order(), "zero: first order");
  }

  @Test
  void strengthStartsFirstOrderAtTheBeginIndexWithVariancePreservingAddNoise() {
    Schedule s = Sampler.DPMPP_2M.plan(SDXL, 20, 0.99);
    assertEquals(1, s.beginIndex());
    assertEquals(19, s.unetCalls());
    assertEquals(894f, s.step(0).timestep());
    assertEquals(1, s.step(0).order(), "no previous x0 prediction in this run");
    assertEquals(2, s.step(1).order());
    // numpy: sigma 8.08818 -> alpha 0.12270294, sigma_t 0.99244344.
    assertRel(0.12270294, s.addNoise().a(), 1e-6, "alpha_t");
    assertRel(0.99244344, s.addNoise().b(), 1e-6, "sigma_t");
  }

  @Test
  void oneStepRunsFirstOrderStraightToTheCleanSample() {
    Schedule s = Sampler.DPMPP_2M_KARRAS.plan(SDXL, 1, 1.0);
    assertArrayEquals(floats(999), s.timesteps());
    assertEquals(1, s.step(0).order());
    assertEquals(1f, s.step(0).coefficients().b(), 1e-7f);
    assertFalse(s.needsHistory());
  }
}
