package org.segfill.engine.sdxl.scheduler;

import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * Walks a {@link Schedule} for the denoising loop. The only state is the position; everything
 * else is read from the immutable schedule. Not thread-safe: one run per request.
 *
 * <pre>{@code
 * SamplerRun run = new SamplerRun(schedule);
 * while (!run.done()) {
 *   StepPlan step = run.current();
 *   // UNet at step.timestep() on latents scaled by step.modelInputScale(), then
 *   // samplerStep(..., schedule.needsHistory() ? history : null, ..., step.coefficients()...)
 *   run.advance();
 * }
 * }</pre>
 */
public final class SamplerRun {
  private final Schedule schedule;
  private int position;

  /** A run positioned before the schedule's first step. */
  public SamplerRun(Schedule schedule) {
    this.schedule = Objects.requireNonNull(schedule, "schedule");
  }

  /** The schedule walked. */
  public Schedule schedule() {
    return schedule;
  }

  /** Steps completed so far, in [0, unetCalls]. */
  public int position() {
    return position;
  }

  /** Whether every step has run. */
  public boolean done() {
    return position == schedule.unetCalls();
  }

  /**
   * The step to run now.
   *
   * @throws NoSuchElementException when the run is done
   */
  public StepPlan current() {
    if (done()) {
      throw new NoSuchElementException(
          "the run is done: all " + schedule.unetCalls() + " steps have run");
    }
    return schedule.step(position);
  }

  /**
   * Whether the history buffer holds the previous step's x0 prediction (DPM++ m1): true after
   * the first step of a schedule that {@linkplain Schedule#needsHistory needs history}, provided
   * the loop passed the buffer to every kernel call. A step that reads history only comes then.
   */
  public boolean historyValid() {
    return position > 0 && schedule.needsHistory();
  }

  /**
   * Moves to the next step once the current one has run.
   *
   * @throws NoSuchElementException when the run is done
   */
  public void advance() {
    current();
    position++;
  }
}
