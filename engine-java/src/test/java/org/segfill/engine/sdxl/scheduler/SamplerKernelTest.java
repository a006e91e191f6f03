package org.segfill.engine.sdxl.scheduler;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.bytedeco.javacpp.FloatPointer;
import org.junit.jupiter.api.Test;
import org.segfill.kernels.KernelTarget;
import org.segfill.kernels.LatentKernels;
import org.segfill.kernels.NoiseKernels;

/**
 * Every sampler's schedule driven through {@code LatentKernels.samplerStep} on the CPU twin.
 *
 * <p>Per step: the kernel with the schedule's coefficients against a plain double-precision step
 * written from contract B8's formulas (x0 = x - sigma eps, ...), on random latents and model
 * outputs; the max abs error must stay within 1e-6 * (1 + max |reference|), float32 rounding of
 * coefficients and update (measured worst: 3.7e-8 Euler, 5.8e-8 Euler ancestral, 1.2e-7 DPM++).
 *
 * <p>Full loop: with an oracle model that returns the exact eps of a known x0 at every step, each
 * sampler must land on x0 at the final sigma 0, up to float32 rounding of the last step: max abs
 * error 2e-6 with |x0| up to about 4 (measured: 7.5e-9 for the Euler samplers, whose last step
 * moves by sigma(1) eps only, and 2.4e-7 for DPM++, which rebuilds x0 from x).
 */
class SamplerKernelTest {
  private static final SchedulerConfig SDXL = SchedulerConfig.sdxlDefaults();
  private static final int N = 4 * 13 * 11;
  private static final long SEED = 1234;

  private final LatentKernels kernels = new LatentKernels(KernelTarget.cpu());
  private final NoiseKernels noise = new NoiseKernels(KernelTarget.cpu());

  private static float[] gaussian(Random random, double scale) {
    float[] v = new float[N];
    for (int i = 0; i < N; i++) {
      v[i] = (float) (random.nextGaussian() * scale);
    }
    return v;
  }

  private static int stream(StepPlan step) {
    return 100 + step.index();
  }

  /** One kernel step, CFG off, in place on x (and history when not null). */
  private void kernelStep(float[] x, float[] eps, float[] history, StepPlan step) {
    try (FloatPointer mo = new FloatPointer(eps);
        FloatPointer lat = new FloatPointer(x);
        FloatPointer hist = history == null ? null : new FloatPointer(history)) {
      kernels.samplerStep(mo, lat, hist, 1, N, false, 1f, step.coefficients().toArray(), SEED,
          stream(step));
      lat.get(x);
      if (hist != null) {
        hist.get(history);
      }
    }
  }

  private float[] philoxNormals(StepPlan step) {
    try (FloatPointer z = new FloatPointer(N)) {
      noise.randn(z, 1, N, SEED, stream(step));
      float[] out = new float[N];
      z.get(out);
      return out;
    }
  }

  /** Contract B8's step in double; m1 is the previous x0 prediction (DPM++), updated in place. */
  private static double[] referenceStep(Sampler sampler, StepPlan step, double previousSigma,
      float[] x, float[] eps, double[] m1, float[] z) {
    double s = step.sigma();
    double next = step.sigmaNext();
    double[] out = new double[N];
    switch (sampler) {
      case EULER -> {
        for (int i = 0; i < N; i++) {
          double x0 = x[i] - s * eps[i];
          double d = (x[i] - x0) / s;
          out[i] = x[i] + d * (next - s);
        }
      }
      case EULER_ANCESTRAL -> {
        double up = Math.sqrt(next * next * (s * s - next * next) / (s * s));
        double down = Math.sqrt(next * next - up * up);
        for (int i = 0; i < N; i++) {
          double x0 = x[i] - s * eps[i];
          out[i] = x[i] + ((x[i] - x0) / s) * (down - s) + (z == null ? 0 : z[i] * up);
        }
      }
      default -> {
        double alphaS = 1 / Math.sqrt(s * s + 1);
        double sigmaS = s * alphaS;
        double alphaT = 1 / Math.sqrt(next * next + 1);
        double sigmaT = next * alphaT;
        double lambdaS = Math.log(alphaS) - Math.log(sigmaS);
        double h = (Math.log(alphaT) - Math.log(sigmaT)) - lambdaS;
        double r0 = Double.NaN;
        if (step.order() == 2) {
          double p = previousSigma;
          double alphaP = 1 / Math.sqrt(p * p + 1);
          double lambdaP = Math.log(alphaP) - Math.log(p * alphaP);
          r0 = (lambdaS - lambdaP) / h;
        }
        for (int i = 0; i < N; i++) {
          double m0 = (x[i] - sigmaS * eps[i]) / alphaS;
          double g = alphaT * (Math.exp(-h) - 1);
          out[i] = (sigmaT / sigmaS) * x[i] - g * m0;
          if (step.order() == 2) {
            out[i] -= 0.5 * g * (m0 - m1[i]) / r0;
          }
          m1[i] = m0;
        }
      }
    }
    return out;
  }

  private static double[] maxAbsErrorAndRef(double[] expected, float[] actual) {
    double err = 0;
    double ref = 0;
    for (int i = 0; i < expected.length; i++) {
      err = Math.max(err, Math.abs(expected[i] - actual[i]));
      ref = Math.max(ref, Math.abs(expected[i]));
    }
    return new double[] {err, ref};
  }

  private void eachStepMatchesTheFormulas(Sampler sampler, int steps, double strength) {
    Schedule schedule = sampler.plan(SDXL, steps, strength);
    Random random = new Random(sampler.ordinal() * 31L + steps);
    float[] x = gaussian(random, schedule.step(0).sigma());
    float[] history = schedule.needsHistory() ? new float[N] : null;
    double[] m1 = new double[N];
    double previousSigma = Double.NaN;
    double worst = 0;
    for (SamplerRun run = new SamplerRun(schedule); !run.done(); run.advance()) {
      StepPlan step = run.current();
      float[] eps = gaussian(random, 1);
      float[] z = step.drawsNoise() ? philoxNormals(step) : null;
      double[] expected = referenceStep(sampler, step, previousSigma, x, eps, m1, z);
      previousSigma = step.sigma();
      kernelStep(x, eps, history, step);
      double[] errRef = maxAbsErrorAndRef(expected, x);
      worst = Math.max(worst, errRef[0] / (1 + errRef[1]));
      assertTrue(errRef[0] <= 1e-6 * (1 + errRef[1]), sampler + " step " + step.index()
          + ": max abs error " + errRef[0] + " vs max |reference| " + errRef[1]);
      for (int i = 0; i < N; i++) {
        x[i] = (float) expected[i];
      }
    }
    assertTrue(worst > 0, "the comparison ran");
  }

  @Test
  void eulerStepsMatchTheFormulas() {
    eachStepMatchesTheFormulas(Sampler.EULER, 20, 0.99);
  }

  @Test
  void eulerAncestralStepsMatchTheFormulasWithPhiloxNoise() {
    eachStepMatchesTheFormulas(Sampler.EULER_ANCESTRAL, 20, 1.0);
  }

  @Test
  void dpmppStepsMatchTheFormulas() {
    eachStepMatchesTheFormulas(Sampler.DPMPP_2M, 20, 0.99);
    eachStepMatchesTheFormulas(Sampler.DPMPP_2M_KARRAS, 12, 1.0);
  }

  /** Runs the whole schedule with an oracle model; returns max |x - x0| at the end. */
  private double oracleLoop(Sampler sampler, int steps, double strength) {
    Schedule schedule = sampler.plan(SDXL, steps, strength);
    Random random = new Random(77 + sampler.ordinal());
    float[] x0 = gaussian(random, 1);
    float[] start = gaussian(random, 1);
    float[] x = new float[N];
    if (schedule.startsFromNoise()) {
      for (int i = 0; i < N; i++) {
        x[i] = start[i] * schedule.initNoiseSigma();
      }
    } else {
      try (FloatPointer clean = new FloatPointer(x0);
          FloatPointer n = new FloatPointer(start);
          FloatPointer out = new FloatPointer(N)) {
        kernels.addNoise(clean, n, schedule.addNoise().a(), schedule.addNoise().b(), out, N);
        out.get(x);
      }
    }
    boolean variancePreserving = sampler == Sampler.DPMPP_2M
        || sampler == Sampler.DPMPP_2M_KARRAS;
    float[] history = schedule.needsHistory() ? new float[N] : null;
    for (SamplerRun run = new SamplerRun(schedule); !run.done(); run.advance()) {
      StepPlan step = run.current();
      double s = step.sigma();
      double alpha = variancePreserving ? 1 / Math.sqrt(s * s + 1) : 1;
      double sigmaT = s * alpha;
      float[] eps = new float[N];
      for (int i = 0; i < N; i++) {
        eps[i] = (float) ((x[i] - alpha * x0[i]) / sigmaT);
      }
      kernelStep(x, eps, history, step);
    }
    double err = 0;
    for (int i = 0; i < N; i++) {
      err = Math.max(err, Math.abs(x[i] - x0[i]));
    }
    return err;
  }

  @Test
  void anOracleModelLandsEverySamplerOnItsCleanSample() {
    for (Sampler sampler : Sampler.values()) {
      for (double strength : new double[] {1.0, 0.99, 0.6}) {
        double err = oracleLoop(sampler, 20, strength);
        assertTrue(err <= 2e-6, sampler + " strength " + strength + ": max |x - x0| = " + err);
      }
    }
    assertTrue(oracleLoop(Sampler.DPMPP_2M_KARRAS, 30, 0.99) <= 2e-6, "Karras, 30 steps");
    assertTrue(oracleLoop(Sampler.EULER, 1, 1.0) <= 2e-6, "a single step");
  }
}
