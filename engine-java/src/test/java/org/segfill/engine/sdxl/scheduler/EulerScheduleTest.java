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
 * Euler and Euler ancestral schedules against contract B8 and numpy re-derivations of diffusers
 * (see {@link Refs}). Sigma tolerance 2.4e-7 relative (2 float32 ulps); the full-range check
 * of all 3600 combinations of spacing, Karras, final sigma and N = 1..150 found at most 1 ulp.
 */
class EulerScheduleTest {
  private static final SchedulerConfig SDXL = SchedulerConfig.sdxlDefaults();
  private static final double SIGMA_REL = 2.4e-7;

  private static SchedulerConfig sdxlWith(TimestepSpacing spacing, boolean karras,
      FinalSigmas last) {
    return new SchedulerConfig(1000, 0.00085, 0.012, BetaSchedule.SCALED_LINEAR, spacing, 1,
        karras, last);
  }

  /** Leading + offset 1: ratio 1000 / n, counting down to 1. */
  private static float[] leading(int n) {
    float[] t = new float[n];
    for (int k = 0; k < n; k++) {
      t[k] = (n - 1 - k) * (1000 / n) + 1;
    }
    return t;
  }

  @Test
  void leadingTimestepsAreTheContractsLists() {
    float[] t50 = Sampler.EULER.plan(SDXL, 50, 1.0).timesteps();
    float[] t30 = Sampler.EULER.plan(SDXL, 30, 1.0).timesteps();
    float[] t20 = Sampler.EULER.plan(SDXL, 20, 1.0).timesteps();
    assertArrayEquals(floats(981, 961, 941), Arrays.copyOf(t50, 3));
    assertArrayEquals(floats(958, 925, 892), Arrays.copyOf(t30, 3));
    assertArrayEquals(floats(951, 901, 851), Arrays.copyOf(t20, 3));
    assertEquals(1f, t50[49]);
    assertEquals(1f, t30[29]);
    assertEquals(1f, t20[19]);
    assertArrayEquals(leading(50), t50);
    assertArrayEquals(leading(30), t30);
    assertArrayEquals(leading(20), t20);
    assertArrayEquals(t20, Sampler.EULER_ANCESTRAL.plan(SDXL, 20, 1.0).timesteps());
  }

  @Test
  void fiftyStepSigmasAndInitNoiseSigma() {
    Schedule s = Sampler.EULER.plan(SDXL, 50, 1.0);
    float[] sigmas = s.sigmas();
    assertEquals(51, sigmas.length);
    // Contract B8 quotes about 13.120, 11.676 and 13.159; the last is 13.158464 in float64
    // (numpy) and 13.158469 in float32, so the quoted digits hold to 1e-3.
    assertEquals(13.120, sigmas[0], 1e-3);
    assertEquals(11.676, sigmas[1], 1e-3);
    assertEquals(13.159, s.initNoiseSigma(), 1e-3);
    // numpy float32: 13.120416, 11.67605; init_noise_sigma = sqrt(13.120416^2 + 1) = 13.158469.
    assertRel(13.120416, sigmas[0], SIGMA_REL, "sigma 0");
    assertRel(11.67605, sigmas[1], SIGMA_REL, "sigma 1");
    assertRel(13.158469, s.initNoiseSigma(), SIGMA_REL, "init_noise_sigma");
    assertRel(0.04131448, sigmas[49], SIGMA_REL, "sigma(1)");
    assertEquals(0f, sigmas[50]);
  }

  @Test
  void thirtyAndTwentyStepSigmas() {
    Schedule s30 = Sampler.EULER.plan(SDXL, 30, 1.0);
    assertRel(11.4768505, s30.sigmas()[0], SIGMA_REL, "N=30 sigma 0");
    assertRel(9.543586, s30.sigmas()[1], SIGMA_REL, "N=30 sigma 1");
    assertRel(11.520334, s30.initNoiseSigma(), SIGMA_REL, "N=30 init");
    Schedule s20 = Sampler.EULER.plan(SDXL, 20, 1.0);
    assertAllRel(new double[] {11.028336, 8.390687, 6.5064, 5.1344333, 4.1166983, 3.347765,
        2.756197, 2.2928548, 1.9234443, 1.623693, 1.3761796, 1.1682165, 0.9904093, 0.83565325,
        0.6983986, 0.5740507, 0.45833313, 0.3461873, 0.2281473, 0.04131448, 0},
        s20.sigmas(), SIGMA_REL, "N=20 sigmas");
    assertRel(11.073581, s20.initNoiseSigma(), SIGMA_REL, "N=20 init");
    assertArrayEquals(s20.sigmas(), Sampler.EULER_ANCESTRAL.plan(SDXL, 20, 1.0).sigmas());
  }

  @Test
  void stepsScaleTheInputAndAddNoiseInVarianceExplodingForm() {
    Schedule s = Sampler.EULER.plan(SDXL, 20, 0.99);
    StepPlan first = s.step(0);
    assertEquals(1, first.index());
    assertEquals(901f, first.timestep());
    double sigma = first.sigma();
    assertRel(1 / Math.sqrt(sigma * sigma + 1), first.modelInputScale(), 1e-7, "scale");
    assertEquals(1f, s.addNoise().a());
    assertEquals(first.sigma(), s.addNoise().b(), "x0 + sigma_{t_start} noise");
    assertEquals(1, first.order());
    assertEquals(first.sigmaNext(), first.sigmaDown());
    assertEquals(0f, first.sigmaUp());
    assertFalse(first.drawsNoise());
    assertFalse(s.needsHistory());
    // numpy float32: Euler N=20 step 0, D = sigma1 - sigma0 = -2.6376486, scale 0.09030502.
    StepPlan zero = Sampler.EULER.plan(SDXL, 20, 1.0).step(0);
    assertRel(-2.6376486, zero.coefficients().d(), 1e-6, "D");
    assertEquals(1f, zero.coefficients().a());
    assertRel(0.09030502, zero.modelInputScale(), 1e-6, "scale_model_input");
  }

  @Test
  void ancestralSplitsEachStepIntoSigmaDownAndFreshNoise() {
    Schedule s = Sampler.EULER_ANCESTRAL.plan(SDXL, 20, 1.0);
    // numpy float32: step 0 sigma_up 5.445148, sigma_down 6.383885; step 18 0.040631432,
    // 0.0074815075.
    assertRel(5.445148, s.step(0).sigmaUp(), 1e-6, "up 0");
    assertRel(6.383885, s.step(0).sigmaDown(), 1e-6, "down 0");
    assertRel(0.040631432, s.step(18).sigmaUp(), 1e-6, "up 18");
    assertRel(0.0074815075, s.step(18).sigmaDown(), 1e-5, "down 18");
    for (int k = 0; k < 20; k++) {
      StepPlan p = s.step(k);
      double up = p.sigmaUp();
      double down = p.sigmaDown();
      assertEquals(p.sigmaNext() * (double) p.sigmaNext(), up * up + down * down,
          1e-5 * p.sigmaNext() * p.sigmaNext(), "up^2 + down^2 = next^2 at " + k);
      assertEquals(p.sigmaUp(), p.coefficients().e(), "E = sigma_up");
      assertRel(down - p.sigma(), p.coefficients().d(), 1e-6, "D = down - sigma at " + k);
      assertEquals(k < 19, p.drawsNoise(), "noise on every step but the last, step " + k);
    }
    assertEquals(0f, s.step(19).sigmaDown());
  }

  @Test
  void otherSpacingsAndTheirInitNoiseSigma() {
    Schedule trailing = Sampler.EULER.plan(sdxlWith(TimestepSpacing.TRAILING, false,
        FinalSigmas.ZERO), 7, 1.0);
    assertArrayEquals(floats(999, 856, 713, 570, 428, 285, 142), trailing.timesteps());
    assertRel(14.614647, trailing.initNoiseSigma(), SIGMA_REL, "trailing init = sigma max");
    Schedule linspace = Sampler.EULER.plan(sdxlWith(TimestepSpacing.LINSPACE, false,
        FinalSigmas.ZERO), 7, 1.0);
    assertArrayEquals(floats(999, 832.5, 666, 499.5, 333, 166.5, 0), linspace.timesteps());
    assertAllRel(new double[] {14.614647, 5.948918, 2.9183085, 1.6155834, 0.9323583, 0.4935535,
        0.029167533, 0}, linspace.sigmas(), SIGMA_REL, "linspace sigmas");
    assertRel(14.614647, linspace.initNoiseSigma(), SIGMA_REL, "linspace init = sigma max");
  }

  @Test
  void trailingKeepsTheFirstStepsWhereNumpyAddsATimestepMinusOne() {
    // np.arange(1000, 0, -1000/61) has 62 values; diffusers would run a 62nd step at t = -1.
    Schedule s = Sampler.EULER.plan(sdxlWith(TimestepSpacing.TRAILING, false,
        FinalSigmas.ZERO), 61, 1.0);
    assertEquals(61, s.unetCalls());
    assertArrayEquals(floats(999, 983, 966), Arrays.copyOf(s.timesteps(), 3));
    assertEquals(15f, s.timesteps()[60]);
    assertRel(0.11949212, s.sigmas()[60], SIGMA_REL, "sigma at t=15");
    // With Karras sigmas diffusers takes the low end from that 62nd value, sigma(0).
    Schedule karras = Sampler.EULER.plan(sdxlWith(TimestepSpacing.TRAILING, true,
        FinalSigmas.ZERO), 61, 1.0);
    assertEquals(61, karras.unetCalls());
    assertRel(0.029167533, karras.sigmas()[60], SIGMA_REL, "Karras low end");
    assertRel(13.640173, karras.sigmas()[1], SIGMA_REL, "Karras sigma 1");
    assertEquals(987.53687, karras.timesteps()[1], 1e-4);
  }

  @Test
  void karrasSigmasSpanTheInterpolatedScheduleWithFractionalTimesteps() {
    Schedule s = Sampler.EULER.plan(sdxlWith(TimestepSpacing.LEADING, true, FinalSigmas.ZERO),
        20, 1.0);
    float[] sigmas = s.sigmas();
    // Ends: the leading schedule's sigma(951) and sigma(1); numpy: 11.028336, 8.979173, ...,
    // 0.06390103, 0.04131448.
    assertRel(11.028336, sigmas[0], SIGMA_REL, "top");
    assertRel(8.979173, sigmas[1], SIGMA_REL, "sigma 1");
    assertRel(0.06390103, sigmas[18], SIGMA_REL, "sigma 18");
    assertRel(0.04131448, sigmas[19], SIGMA_REL, "bottom");
    for (int k = 1; k < 20; k++) {
      assertTrue(sigmas[k] < sigmas[k - 1], "decreasing at " + k);
    }
    // Not rounded, unlike DPM++: numpy 951.0, 913.73944, ..., 3.7631254, 1.0000001. The log
    // interpolation amplifies last-bit differences: a few float32 ulps (worst seen 6.1e-5 at
    // t = 541 over N = 1..150), so 1e-4 absolute.
    float[] t = s.timesteps();
    assertEquals(951.0, t[0], 1e-4);
    assertEquals(913.73944, t[1], 1e-4);
    assertEquals(3.7631254, t[18], 1e-4);
    assertEquals(1.0000001, t[19], 1e-4);
    assertRel(11.073581, s.initNoiseSigma(), SIGMA_REL, "init from the Karras max");
    // Euler ancestral has no Karras option in diffusers: the config flag is ignored.
    Schedule ancestral = Sampler.EULER_ANCESTRAL.plan(
        sdxlWith(TimestepSpacing.LEADING, true, FinalSigmas.SIGMA_MIN), 20, 1.0);
    assertArrayEquals(Sampler.EULER.plan(SDXL, 20, 1.0).sigmas(), ancestral.sigmas());
  }

  @Test
  void finalSigmaMinStopsAtSigmaZeroOfTraining() {
    Schedule s = Sampler.EULER.plan(sdxlWith(TimestepSpacing.LEADING, false,
        FinalSigmas.SIGMA_MIN), 20, 1.0);
    assertRel(0.029167533, s.sigmas()[20], SIGMA_REL, "final sigma");
    assertRel(0.029167533 - 0.04131448, s.step(19).coefficients().d(), 1e-6, "last D");
  }

  @Test
  void linearBetas() {
    SchedulerConfig linear = new SchedulerConfig(1000, 0.0001, 0.02, BetaSchedule.LINEAR,
        TimestepSpacing.LEADING, 1, false, FinalSigmas.ZERO);
    Schedule s = Sampler.EULER.plan(linear, 10, 1.0);
    assertArrayEquals(floats(901, 801, 701, 601, 501, 401, 301, 201, 101, 1), s.timesteps());
    // numpy float32: 61.378853 ... 0.014832044, init 61.386997.
    assertRel(61.378853, s.sigmas()[0], SIGMA_REL, "sigma 0");
    assertRel(0.34569675, s.sigmas()[8], SIGMA_REL, "sigma 8");
    assertRel(0.014832044, s.sigmas()[9], SIGMA_REL, "sigma 9");
    assertRel(61.386997, s.initNoiseSigma(), SIGMA_REL, "init");
  }

  @Test
  void oneStepAtFullStrength() {
    Schedule s = Sampler.EULER.plan(SDXL, 1, 1.0);
    assertArrayEquals(floats(1), s.timesteps());
    // numpy: sigma(1) = 0.04131448, init sqrt(sigma^2 + 1) = 1.0008531.
    assertRel(1.0008531, s.initNoiseSigma(), SIGMA_REL, "init");
    assertTrue(s.startsFromNoise());
  }
}
