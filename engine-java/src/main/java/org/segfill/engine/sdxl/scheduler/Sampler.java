package org.segfill.engine.sdxl.scheduler;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * segfill's sampler ids (contract part 0 item 6), each a diffusers scheduler built from the
 * bundle's {@link SchedulerConfig}.
 *
 * <pre>{@code
 * Schedule schedule = Sampler.fromId("dpmpp_2m_karras").plan(config, 30, 0.99);
 * }</pre>
 */
public enum Sampler {
  /** {@code EulerDiscreteScheduler}, the bundle's own scheduler; the default. */
  EULER("euler", EulerDiscrete::new),
  /** {@code EulerAncestralDiscreteScheduler}: adds fresh noise every step but the last. */
  EULER_ANCESTRAL("euler_a", EulerAncestral::new),
  /** {@code DPMSolverMultistepScheduler}, DPM-Solver++ 2M, Karras sigmas as the config says. */
  DPMPP_2M("dpmpp_2m", config -> new DpmSolverMultistep(config, config.useKarrasSigmas())),
  /** DPM-Solver++ 2M with {@code use_karras_sigmas} set. */
  DPMPP_2M_KARRAS("dpmpp_2m_karras", config -> new DpmSolverMultistep(config, true));

  /** The sampler used when a request names none. */
  public static final Sampler DEFAULT = EULER;

  private final String id;
  private final Function<SchedulerConfig, DiffusersScheduler> scheduler;

  Sampler(String id, Function<SchedulerConfig, DiffusersScheduler> scheduler) {
    this.id = id;
    this.scheduler = scheduler;
  }

  /** The id used by the API, the CLI and recipes. */
  public String id() {
    return id;
  }

  /** Every id, in declaration order. */
  public static List<String> ids() {
    return Arrays.stream(values()).map(Sampler::id).toList();
  }

  /**
   * The sampler with this id.
   *
   * @throws IllegalArgumentException naming the allowed ids
   */
  public static Sampler fromId(String id) {
    for (Sampler sampler : values()) {
      if (sampler.id.equals(id)) {
        return sampler;
      }
    }
    throw new IllegalArgumentException("sampler must be one of " + ids() + ", got '" + id + "'");
  }

  /**
   * Plans a request: diffusers' {@code set_timesteps(steps)}, then strength truncation
   * (contract B5). Pure: the same arguments give an equal schedule.
   *
   * @param steps the requested step count, in [1, num_train_timesteps]
   * @param strength in (0, 1]; int(steps * strength) must be at least 1
   * @throws IllegalArgumentException naming the parameter, its value and the allowed range
   */
  public Schedule plan(SchedulerConfig config, int steps, double strength) {
    return SchedulePlanner.plan(this, config, steps, strength);
  }

  DiffusersScheduler scheduler(SchedulerConfig config) {
    return scheduler.apply(config);
  }
}
