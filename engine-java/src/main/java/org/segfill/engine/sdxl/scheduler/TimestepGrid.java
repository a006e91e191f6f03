package org.segfill.engine.sdxl.scheduler;

import java.util.Arrays;

/**
 * The inference timesteps of diffusers' {@code set_timesteps} for each {@code timestep_spacing},
 * highest first, with numpy's arithmetic (np.arange, np.linspace, round half to even) so that the
 * values are the same.
 *
 * <p>With "trailing", np.arange yields steps + 1 values for some step counts (61, 103, 121 and
 * 122 of 1..150 with 1000 training steps), the extra one being timestep -1 after all the others.
 * These grids return it, because Euler's Karras sigmas take their lower end from it; the
 * schedulers then keep the first {@code steps} timesteps (see {@link #first}), where diffusers
 * would run one more step at timestep -1.
 */
final class TimestepGrid {
  private TimestepGrid() {}

  /**
   * EulerDiscreteScheduler's grid: float32 (fractional for "linspace"); {@code steps} values, or
   * one more for the "trailing" artefact.
   */
  static float[] euler(SchedulerConfig config, int steps) {
    int n = config.numTrainTimesteps();
    float[] t = new float[steps];
    switch (config.timestepSpacing()) {
      case LEADING -> {
        int ratio = n / steps;
        for (int k = 0; k < steps; k++) {
          t[k] = (float) ((steps - 1 - k) * ratio) + config.stepsOffset();
        }
      }
      case TRAILING -> {
        double[] grid = numpyArange(n, 0, -(double) n / steps);
        t = new float[grid.length];
        for (int k = 0; k < grid.length; k++) {
          t[k] = (float) Math.rint(grid[k]) - 1f;
        }
      }
      case LINSPACE -> {
        double[] grid = numpyLinspace(0, n - 1, steps);
        for (int k = 0; k < steps; k++) {
          t[k] = (float) grid[steps - 1 - k];
        }
      }
      default -> throw new AssertionError(config.timestepSpacing());
    }
    return t;
  }

  /**
   * DPMSolverMultistepScheduler's grid: integers. "leading" and "linspace" lay out steps + 1
   * points and drop the last (lowest) one; with the default {@code lambda_min_clipped} = -inf
   * the grid's top is num_train_timesteps. {@code steps} values, or one more for the "trailing"
   * artefact.
   */
  static int[] dpmSolver(SchedulerConfig config, int steps) {
    int n = config.numTrainTimesteps();
    int[] t = new int[steps];
    switch (config.timestepSpacing()) {
      case LEADING -> {
        int ratio = n / (steps + 1);
        for (int k = 0; k < steps; k++) {
          t[k] = (steps - k) * ratio + config.stepsOffset();
        }
      }
      case TRAILING -> {
        double[] grid = numpyArange(n, 0, -(double) n / steps);
        t = new int[grid.length];
        for (int k = 0; k < grid.length; k++) {
          t[k] = (int) Math.rint(grid[k]) - 1;
        }
      }
      case LINSPACE -> {
        double[] grid = numpyLinspace(0, n - 1, steps + 1);
        for (int k = 0; k < steps; k++) {
          t[k] = (int) Math.rint(grid[steps - k]);
        }
      }
      default -> throw new AssertionError(config.timestepSpacing());
    }
    return t;
  }

  /** The first {@code steps} values of a grid. */
  static float[] first(float[] grid, int steps) {
    return grid.length == steps ? grid : Arrays.copyOf(grid, steps);
  }

  /** The first {@code steps} values of a grid. */
  static int[] first(int[] grid, int steps) {
    return grid.length == steps ? grid : Arrays.copyOf(grid, steps);
  }

  /**
   * np.arange(start, stop, step) for doubles: ceil((stop - start) / step) values, the second
   * start + step, the others start + i * (second - start).
   */
  static double[] numpyArange(double start, double stop, double step) {
    int length = (int) Math.ceil((stop - start) / step);
    double[] out = new double[length];
    out[0] = start;
    if (length > 1) {
      out[1] = start + step;
      double delta = out[1] - start;
      for (int i = 2; i < length; i++) {
        out[i] = start + i * delta;
      }
    }
    return out;
  }

  /** np.linspace(start, stop, num): start + k * ((stop - start) / (num - 1)), the last = stop. */
  static double[] numpyLinspace(double start, double stop, int num) {
    double[] out = new double[num];
    if (num == 1) {
      out[0] = start;
      return out;
    }
    double step = (stop - start) / (num - 1);
    for (int k = 0; k < num; k++) {
      out[k] = k * step + start;
    }
    out[num - 1] = stop;
    return out;
  }
}
