package org.segfill.engine.sdxl.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.segfill.engine.sdxl.scheduler.Refs.assertRefused;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segfill.engine.sdxl.scheduler.SchedulerConfig.BetaSchedule;
import org.segfill.engine.sdxl.scheduler.SchedulerConfig.FinalSigmas;
import org.segfill.engine.sdxl.scheduler.SchedulerConfig.TimestepSpacing;

/** Reading diffusers' scheduler_config.json (contract B8). */
class SchedulerConfigTest {
  /** The SDXL base file of contract B8, with the keys Euler ignores. */
  static final String SDXL_JSON = """
      {
        "_class_name": "EulerDiscreteScheduler",
        "_diffusers_version": "0.19.0.dev0",
        "beta_end": 0.012,
        "beta_schedule": "scaled_linear",
        "beta_start": 0.00085,
        "clip_sample": false,
        "interpolation_type": "linear",
        "num_train_timesteps": 1000,
        "prediction_type": "epsilon",
        "sample_max_value": 1.0,
        "set_alpha_to_one": false,
        "skip_prk_steps": true,
        "steps_offset": 1,
        "timestep_spacing": "leading",
        "trained_betas": null,
        "use_karras_sigmas": false
      }
      """;

  @TempDir Path dir;

  private static SchedulerConfig parse(String json) {
    return SchedulerConfig.parse(json, "cfg.json");
  }

  @Test
  void sdxlDefaultsAreContractB8() {
    SchedulerConfig d = SchedulerConfig.sdxlDefaults();
    assertEquals(1000, d.numTrainTimesteps());
    assertEquals(0.00085, d.betaStart());
    assertEquals(0.012, d.betaEnd());
    assertEquals(BetaSchedule.SCALED_LINEAR, d.betaSchedule());
    assertEquals(TimestepSpacing.LEADING, d.timestepSpacing());
    assertEquals(1, d.stepsOffset());
    assertEquals(false, d.useKarrasSigmas());
    assertEquals(FinalSigmas.ZERO, d.finalSigmas());
  }

  @Test
  void theSdxlFileReadsAsTheDefaultsAndUnknownKeysAreIgnored() throws IOException {
    Path file = dir.resolve("scheduler_config.json");
    Files.writeString(file, SDXL_JSON.replace("{", "{\"some_future_key\": [1, {\"a\": 2}],"));
    assertEquals(SchedulerConfig.sdxlDefaults(), SchedulerConfig.read(file));
  }

  @Test
  void missingKeysAndNullsTakeDiffusersDefaults() {
    assertEquals(SchedulerConfig.diffusersDefaults(), parse("{}"));
    assertEquals(SchedulerConfig.diffusersDefaults(),
        parse("{\"timestep_spacing\": null, \"use_karras_sigmas\": null}"));
    SchedulerConfig d = SchedulerConfig.diffusersDefaults();
    assertEquals(TimestepSpacing.LINSPACE, d.timestepSpacing());
    assertEquals(BetaSchedule.LINEAR, d.betaSchedule());
    assertEquals(0.0001, d.betaStart());
    assertEquals(0, d.stepsOffset());
  }

  @Test
  void everySupportedValueIsRead() {
    SchedulerConfig c = parse("{\"num_train_timesteps\": 500, \"beta_start\": 0.001,"
        + " \"beta_end\": 0.01, \"beta_schedule\": \"linear\", \"timestep_spacing\":"
        + " \"trailing\", \"steps_offset\": 0, \"use_karras_sigmas\": true,"
        + " \"final_sigmas_type\": \"sigma_min\", \"lambda_min_clipped\": -Infinity,"
        + " \"solver_order\": 3}");
    assertEquals(new SchedulerConfig(500, 0.001, 0.01, BetaSchedule.LINEAR,
        TimestepSpacing.TRAILING, 0, true, FinalSigmas.SIGMA_MIN), c);
  }

  @Test
  void unsupportedValuesAreRefusedNamingKeyValueAndChoices() {
    assertRefused(() -> parse("{\"beta_schedule\": \"squaredcos_cap_v2\"}"), "cfg.json: ",
        "beta_schedule must be one of [linear, scaled_linear], got \"squaredcos_cap_v2\"");
    assertRefused(() -> parse("{\"prediction_type\": \"v_prediction\"}"),
        "prediction_type must be \"epsilon\"", "got \"v_prediction\"");
    assertRefused(() -> parse("{\"trained_betas\": [0.1, 0.2, 0.3]}"),
        "trained_betas must be null", "got an array of 3 values");
    assertRefused(() -> parse("{\"timestep_spacing\": \"uniform\"}"),
        "timestep_spacing must be one of [leading, trailing, linspace], got \"uniform\"");
    assertRefused(() -> parse("{\"interpolation_type\": \"log_linear\"}"),
        "interpolation_type must be \"linear\"", "got \"log_linear\"");
    assertRefused(() -> parse("{\"final_sigmas_type\": \"denoise_to_zero\"}"),
        "final_sigmas_type must be one of [zero, sigma_min]");
    assertRefused(() -> parse("{\"rescale_betas_zero_snr\": true}"),
        "rescale_betas_zero_snr must be false or absent");
    assertRefused(() -> parse("{\"use_exponential_sigmas\": true}"), "use_exponential_sigmas");
    assertRefused(() -> parse("{\"sigma_max\": 80}"), "sigma_max must be null or absent",
        "got 80");
  }

  @Test
  void wrongTypesAndRangesAreRefused() {
    assertRefused(() -> parse("{\"num_train_timesteps\": \"1000\"}"),
        "num_train_timesteps must be an integer, got \"1000\"");
    assertRefused(() -> parse("{\"num_train_timesteps\": 999.5}"), "got 999.5");
    assertRefused(() -> parse("{\"num_train_timesteps\": 1}"),
        "num_train_timesteps must be in [2, 100000], got 1");
    assertRefused(() -> parse("{\"beta_start\": \"small\"}"), "beta_start must be a number");
    assertRefused(() -> parse("{\"beta_start\": 0.02, \"beta_end\": 0.01}"),
        "beta_end must be in [beta_start = 0.02, 1), got 0.01");
    assertRefused(() -> parse("{\"beta_start\": NaN}"), "beta_start must be in (0, 1), got NaN");
    assertRefused(() -> parse("{\"use_karras_sigmas\": \"yes\"}"),
        "use_karras_sigmas must be true or false, got \"yes\"");
    assertRefused(() -> parse("{\"steps_offset\": 1000}"),
        "steps_offset must be in [0, num_train_timesteps - 1 = 999], got 1000");
  }

  @Test
  void aMalformedFileIsNamed() throws IOException {
    Path file = dir.resolve("broken.json");
    Files.writeString(file, "{\"beta_start\": 0.00085,\n \"beta_end\": }");
    assertRefused(() -> SchedulerConfig.read(file), file.toString() + ": not valid JSON",
        "line 2");
    Files.writeString(file, "[1, 2]");
    assertRefused(() -> SchedulerConfig.read(file), file + ": must be a JSON object, got array");
    Files.writeString(file, "{} {}");
    assertRefused(() -> SchedulerConfig.read(file), file + ": not valid JSON");
    Files.writeString(file, "");
    assertRefused(() -> SchedulerConfig.read(file), file + ": must be a JSON object");
    Files.writeString(file, "{\"steps_offset\": -1}");
    assertRefused(() -> SchedulerConfig.read(file), file + ": steps_offset must be in");
  }

  @Test
  void aMissingFileIsAnIoError() {
    Path missing = dir.resolve("nope.json");
    IOException e = assertThrows(
        NoSuchFileException.class, () -> SchedulerConfig.read(missing));
    assertTrue(e.getMessage().contains("nope.json"), e.getMessage());
  }
}
