package org.segfill.engine.sdxl.scheduler;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Validates a request and turns a scheduler's full schedule into the {@link Schedule} run. */
final class SchedulePlanner {
  private SchedulePlanner() {}

  static Schedule plan(Sampler sampler, SchedulerConfig config, int steps, double strength) {
    Objects.requireNonNull(config, "config");
    int maxSteps = config.numTrainTimesteps();
    if (steps < 1 || steps > maxSteps) {
      throw new IllegalArgumentException(
          "steps must be in [1, " + maxSteps + "] (num_train_timesteps), got " + steps);
    }
    if (!(strength > 0 && strength <= 1)) {
      throw new IllegalArgumentException("strength must be in (0, 1], got " + strength);
    }
    int begin = beginIndex(steps, strength, maxSteps);
    DiffusersScheduler scheduler = sampler.scheduler(config);
    NoiseLevels levels = scheduler.setTimesteps(steps);
    checkDecreasing(levels, config);
    List<StepPlan> run = new ArrayList<>(steps - begin);
    for (int index = begin; index < steps; index++) {
      run.add(scheduler.step(levels, index, begin));
    }
    return new Schedule(sampler, steps, strength, begin, scheduler.initNoiseSigma(levels),
        scheduler.addNoise(levels.sigmas()[begin]), run);
  }

  /**
   * diffusers' get_timesteps: init = min(int(steps * strength), steps) steps run, from index
   * steps - init. A request that would run none is refused (contract part 0 item 6).
   */
  static int beginIndex(int steps, double strength, int maxSteps) {
    int init = Math.min((int) (steps * strength), steps);
    if (init < 1) {
      int enough = steps;
      while (enough <= maxSteps && (int) (enough * strength) < 1) {
        enough++;
      }
      String moreSteps = enough <= maxSteps ? "use steps >= " + enough + " at this strength, or "
          : "";
      throw new IllegalArgumentException("strength " + strength + " with steps " + steps
          + " runs no denoising step: int(steps * strength) = " + (int) (steps * strength)
          + ", must be >= 1; " + moreSteps
          + (steps == 1 ? "strength 1" : "a strength above 1/" + steps));
    }
    return steps - init;
  }

  /**
   * Too many steps for the training schedule make the grid repeat a timestep (for example
   * "leading" DPM-Solver with steps + 1 > num_train_timesteps): refused rather than run.
   */
  private static void checkDecreasing(NoiseLevels levels, SchedulerConfig config) {
    float[] sigmas = levels.sigmas();
    for (int k = 0; k + 1 < sigmas.length; k++) {
      boolean last = k + 1 == sigmas.length - 1;
      if (last ? sigmas[k + 1] > sigmas[k] : sigmas[k + 1] >= sigmas[k]) {
        throw new IllegalArgumentException("steps " + levels.steps() + " is too many for"
            + " num_train_timesteps " + config.numTrainTimesteps() + " with timestep_spacing "
            + config.timestepSpacing().configName() + ": the schedule repeats noise level "
            + sigmas[k] + " at step " + k);
      }
    }
  }
}
