package org.segfill.engine.sdxl.scheduler;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Function;
import org.segfill.engine.sdxl.scheduler.SchedulerConfig.BetaSchedule;
import org.segfill.engine.sdxl.scheduler.SchedulerConfig.FinalSigmas;
import org.segfill.engine.sdxl.scheduler.SchedulerConfig.TimestepSpacing;

/** Reads {@link SchedulerConfig} from diffusers' JSON, naming the source and key on errors. */
final class SchedulerConfigReader {
  /** A real scheduler_config.json is under 1 KiB; anything this large is not one. */
  static final long MAX_FILE_BYTES = 1 << 20;

  /** Options that select a sigma schedule segfill does not implement, when true. */
  private static final String[] UNSUPPORTED_FLAGS = {
    "rescale_betas_zero_snr", "use_exponential_sigmas", "use_beta_sigmas", "use_lu_lambdas"
  };
  /** Overrides of the Karras range segfill does not implement, when not null. */
  private static final String[] UNSUPPORTED_VALUES = {"sigma_min", "sigma_max"};

  /**
   * Python's json module writes -Infinity (DPM-Solver's {@code lambda_min_clipped}), so non-numeric
   * numbers are read; trailing content after the object is an error, not ignored.
   */
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private SchedulerConfigReader() {}

  static SchedulerConfig read(Path file) throws IOException {
    long size = Files.size(file);
    if (size > MAX_FILE_BYTES) {
      throw new IllegalArgumentException(file + ": " + size + " bytes is not a scheduler config"
          + " (at most " + MAX_FILE_BYTES + " bytes)");
    }
    return parse(new String(Files.readAllBytes(file), StandardCharsets.UTF_8), file.toString());
  }

  static SchedulerConfig parse(String json, String source) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          source + ": not valid JSON: " + e.getOriginalMessage() + location(e), e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(source + ": must be a JSON object, got "
          + (root == null ? "nothing" : root.getNodeType().toString().toLowerCase()));
    }
    try {
      return read(root);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
    }
  }

  private static SchedulerConfig read(JsonNode root) {
    SchedulerConfig d = SchedulerConfig.diffusersDefaults();
    requireValue(root, "prediction_type", "epsilon",
        "segfill's samplers take epsilon predictions only (SDXL Inpainting 0.1 predicts epsilon)");
    requireValue(root, "interpolation_type", "linear",
        "segfill interpolates the training sigmas linearly, diffusers' default");
    JsonNode trained = root.get("trained_betas");
    if (trained != null && !trained.isNull()) {
      throw new IllegalArgumentException("trained_betas must be null: segfill builds the betas"
          + " from beta_start, beta_end and beta_schedule, got " + describe(trained));
    }
    for (String key : UNSUPPORTED_FLAGS) {
      if (bool(root, key, false)) {
        throw new IllegalArgumentException(key + " must be false or absent (not supported), got"
            + " true");
      }
    }
    for (String key : UNSUPPORTED_VALUES) {
      JsonNode value = root.get(key);
      if (value != null && !value.isNull()) {
        throw new IllegalArgumentException(key + " must be null or absent (segfill takes the"
            + " Karras range from the schedule), got " + describe(value));
      }
    }
    return new SchedulerConfig(
        integer(root, "num_train_timesteps", d.numTrainTimesteps()),
        number(root, "beta_start", d.betaStart()),
        number(root, "beta_end", d.betaEnd()),
        choice(root, "beta_schedule", BetaSchedule.values(), BetaSchedule::configName,
            d.betaSchedule()),
        choice(root, "timestep_spacing", TimestepSpacing.values(), TimestepSpacing::configName,
            d.timestepSpacing()),
        integer(root, "steps_offset", d.stepsOffset()),
        bool(root, "use_karras_sigmas", d.useKarrasSigmas()),
        choice(root, "final_sigmas_type", FinalSigmas.values(), FinalSigmas::configName,
            d.finalSigmas()));
  }

  private static void requireValue(JsonNode root, String key, String only, String why) {
    JsonNode value = root.get(key);
    if (value != null && !value.isNull() && !(value.isTextual() && value.asText().equals(only))) {
      throw new IllegalArgumentException(
          key + " must be \"" + only + "\" (" + why + "), got " + describe(value));
    }
  }

  private static int integer(JsonNode root, String key, int fallback) {
    JsonNode value = root.get(key);
    if (value == null || value.isNull()) {
      return fallback;
    }
    double v = value.asDouble();
    if (!value.isNumber() || v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(key + " must be an integer, got " + describe(value));
    }
    return (int) v;
  }

  private static double number(JsonNode root, String key, double fallback) {
    JsonNode value = root.get(key);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isNumber()) {
      throw new IllegalArgumentException(key + " must be a number, got " + describe(value));
    }
    return value.asDouble();
  }

  private static boolean bool(JsonNode root, String key, boolean fallback) {
    JsonNode value = root.get(key);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isBoolean()) {
      throw new IllegalArgumentException(key + " must be true or false, got " + describe(value));
    }
    return value.asBoolean();
  }

  private static <E extends Enum<E>> E choice(
      JsonNode root, String key, E[] values, Function<E, String> name, E fallback) {
    JsonNode value = root.get(key);
    if (value == null || value.isNull()) {
      return fallback;
    }
    for (E candidate : values) {
      if (value.isTextual() && value.asText().equals(name.apply(candidate))) {
        return candidate;
      }
    }
    throw new IllegalArgumentException(key + " must be one of "
        + Arrays.stream(values).map(name).toList() + ", got " + describe(value));
  }

  /** The value as JSON, shortened: arrays of betas can be long. */
  private static String describe(JsonNode value) {
    if (value.isArray()) {
      return "an array of " + value.size() + " values";
    }
    String text = value.toString();
    return text.length() <= 60 ? text : text.substring(0, 57) + "...";
  }

  private static String location(JsonProcessingException e) {
    return e.getLocation() == null ? ""
        : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
  }
}
