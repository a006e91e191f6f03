package org.segfill.engine.sdxl.scheduler;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The noise-schedule part of a diffusers {@code scheduler_config.json} (model contract B8), shared
 * by every segfill sampler: they are all built from the bundle's config, like diffusers'
 * {@code XxxScheduler.from_config(config)}.
 *
 * <p>Only values segfill implements can be represented. Reading a file also checks the keys that
 * have a single supported value and so are not stored: {@code prediction_type} must be
 * "epsilon", {@code interpolation_type} "linear", {@code trained_betas} null, and the alternative
 * sigma schedules ({@code use_exponential_sigmas}, {@code use_beta_sigmas}, {@code
 * use_lu_lambdas}, {@code rescale_betas_zero_snr}, {@code sigma_min}, {@code sigma_max}) unset.
 * Solver settings of other schedulers ({@code solver_order}, {@code algorithm_type}, {@code
 * lower_order_final}, {@code euler_at_final}, ...) are ignored: the {@link Sampler} id fixes them
 * at diffusers' defaults (contract part 0 item 6).
 *
 * @param numTrainTimesteps length of the training noise schedule ({@code num_train_timesteps})
 * @param betaStart first beta ({@code beta_start})
 * @param betaEnd last beta ({@code beta_end})
 * @param betaSchedule how betas run from start to end ({@code beta_schedule})
 * @param timestepSpacing how inference timesteps are picked ({@code timestep_spacing})
 * @param stepsOffset added to "leading" timesteps ({@code steps_offset})
 * @param useKarrasSigmas Karras sigmas for Euler and DPM++ 2M ({@code use_karras_sigmas});
 *     Euler ancestral ignores it, as diffusers' scheduler has no such option
 * @param finalSigmas the sigma after the last step ({@code final_sigmas_type}); Euler ancestral
 *     always ends at 0, as in diffusers
 */
public record SchedulerConfig(
    int numTrainTimesteps,
    double betaStart,
    double betaEnd,
    BetaSchedule betaSchedule,
    TimestepSpacing timestepSpacing,
    int stepsOffset,
    boolean useKarrasSigmas,
    FinalSigmas finalSigmas) {

  /** Smallest accepted {@code num_train_timesteps}. */
  public static final int MIN_TRAIN_TIMESTEPS = 2;
  /** Largest accepted {@code num_train_timesteps}; real models use 1000. */
  public static final int MAX_TRAIN_TIMESTEPS = 100_000;

  /** How betas run from {@code beta_start} to {@code beta_end}. */
  public enum BetaSchedule {
    /** Evenly spaced betas. */
    LINEAR("linear"),
    /** Evenly spaced square roots of betas, squared (latent diffusion, SDXL). */
    SCALED_LINEAR("scaled_linear");

    private final String configName;

    BetaSchedule(String configName) {
      this.configName = configName;
    }

    /** The value as written in scheduler_config.json. */
    public String configName() {
      return configName;
    }
  }

  /** How the inference timesteps are spread over the training ones (diffusers' Table 2). */
  public enum TimestepSpacing {
    /** Multiples of {@code num_train_timesteps // steps}, plus {@code steps_offset} (SDXL). */
    LEADING("leading"),
    /** Counted down from {@code num_train_timesteps - 1} in equal float strides. */
    TRAILING("trailing"),
    /** Evenly spaced from {@code num_train_timesteps - 1} down to 0. */
    LINSPACE("linspace");

    private final String configName;

    TimestepSpacing(String configName) {
      this.configName = configName;
    }

    /** The value as written in scheduler_config.json. */
    public String configName() {
      return configName;
    }
  }

  /** The sigma the last step goes to. */
  public enum FinalSigmas {
    /** Sigma 0: the last step lands on the clean sample. */
    ZERO("zero"),
    /** The smallest training sigma, sigma(t = 0). */
    SIGMA_MIN("sigma_min");

    private final String configName;

    FinalSigmas(String configName) {
      this.configName = configName;
    }

    /** The value as written in scheduler_config.json. */
    public String configName() {
      return configName;
    }
  }

  public SchedulerConfig {
    if (numTrainTimesteps < MIN_TRAIN_TIMESTEPS || numTrainTimesteps > MAX_TRAIN_TIMESTEPS) {
      throw new IllegalArgumentException("num_train_timesteps must be in [" + MIN_TRAIN_TIMESTEPS
          + ", " + MAX_TRAIN_TIMESTEPS + "], got " + numTrainTimesteps);
    }
    if (!(betaStart > 0 && betaStart < 1)) {
      throw new IllegalArgumentException("beta_start must be in (0, 1), got " + betaStart);
    }
    if (!(betaEnd >= betaStart && betaEnd < 1)) {
      throw new IllegalArgumentException(
          "beta_end must be in [beta_start = " + betaStart + ", 1), got " + betaEnd);
    }
    Objects.requireNonNull(betaSchedule, "betaSchedule");
    Objects.requireNonNull(timestepSpacing, "timestepSpacing");
    Objects.requireNonNull(finalSigmas, "finalSigmas");
    if (stepsOffset < 0 || stepsOffset >= numTrainTimesteps) {
      throw new IllegalArgumentException("steps_offset must be in [0, num_train_timesteps - 1 = "
          + (numTrainTimesteps - 1) + "], got " + stepsOffset);
    }
  }

  /**
   * The SDXL values of contract B8 ({@code scheduler_config.json} of SDXL base: scaled_linear
   * betas 0.00085 to 0.012 over 1000 steps, "leading" spacing with offset 1, no Karras sigmas,
   * final sigma 0). A bundle's own file takes precedence: read it with {@link #read}.
   */
  public static SchedulerConfig sdxlDefaults() {
    return new SchedulerConfig(1000, 0.00085, 0.012, BetaSchedule.SCALED_LINEAR,
        TimestepSpacing.LEADING, 1, false, FinalSigmas.ZERO);
  }

  /**
   * diffusers' constructor defaults for Euler and DPM-Solver (1000 steps, linear betas 1e-4 to
   * 0.02, "linspace" spacing, offset 0): what a key missing from a config file falls back to.
   */
  public static SchedulerConfig diffusersDefaults() {
    return new SchedulerConfig(1000, 0.0001, 0.02, BetaSchedule.LINEAR,
        TimestepSpacing.LINSPACE, 0, false, FinalSigmas.ZERO);
  }

  /**
   * Reads a diffusers {@code scheduler_config.json}. Missing keys (and JSON nulls) take
   * {@link #diffusersDefaults()}; unknown keys are ignored.
   *
   * @throws IllegalArgumentException naming the file and the key when the file is not a JSON
   *     object or a value is of the wrong type or not supported
   * @throws IOException when the file cannot be read
   */
  public static SchedulerConfig read(Path file) throws IOException {
    return SchedulerConfigReader.read(file);
  }

  /** Like {@link #read} for JSON text; {@code source} names it in error messages. */
  public static SchedulerConfig parse(String json, String source) {
    return SchedulerConfigReader.parse(json, source);
  }
}
