package org.segfill.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code segfill schedule}, through the CLI. Expected numbers are the scheduler tests' numpy
 * re-derivations of diffusers (float32): Euler N=20 sigma(901) = 8.390687, init_noise_sigma
 * 11.073581; DPM++ Karras N=10 timesteps [999, 916, ..., 7, 0].
 */
class ScheduleCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private static JsonNode ok(String... args) throws IOException {
    CliRun run = CliRun.of(args);
    assertEquals(0, run.exit(), run.err());
    assertEquals("", run.err());
    String[] lines = run.out().split("\n");
    assertEquals(1, lines.length, "one line: " + run.out());
    return JSON.readTree(lines[0]);
  }

  private static List<Double> numbers(JsonNode array) {
    List<Double> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asDouble()));
    return values;
  }

  private static void assertBadInput(String flag, String... args) {
    CliRun run = CliRun.of(args);
    assertEquals(Main.BAD_INPUT, run.exit(), run.out() + run.err());
    assertEquals("", run.out());
    assertTrue(run.err().contains(flag), run.err());
  }

  @Test
  void defaultsAreEulerAtStrength099OnTheSdxlSchedule() throws IOException {
    JsonNode json = ok("schedule", "--steps", "20");
    assertEquals(List.of("timesteps", "sigmas", "initNoiseSigma", "unetCalls"),
        iterable(json.fieldNames()));
    assertEquals(19, json.get("unetCalls").asInt());
    JsonNode timesteps = json.get("timesteps");
    assertEquals(19, timesteps.size());
    assertTrue(timesteps.get(0).isInt(), "integral timesteps print as integers");
    assertEquals(901, timesteps.get(0).asInt());
    assertEquals(1, timesteps.get(18).asInt());
    List<Double> sigmas = numbers(json.get("sigmas"));
    assertEquals(20, sigmas.size(), "the steps' sigmas and the final one");
    assertEquals(8.390687, sigmas.get(0), 1e-6);
    assertEquals(0.0, sigmas.get(19));
    assertEquals(11.073581, json.get("initNoiseSigma").asDouble(), 1e-5);
  }

  @Test
  void dpmppKarrasAtFullStrength() throws IOException {
    JsonNode json = ok("schedule", "--sampler", "dpmpp_2m_karras", "--steps", "10",
        "--strength", "1");
    assertEquals(List.of(999.0, 916.0, 815.0, 687.0, 523.0, 327.0, 146.0, 41.0, 7.0, 0.0),
        numbers(json.get("timesteps")));
    assertEquals(11, json.get("sigmas").size());
    assertEquals(14.614647, json.get("sigmas").get(0).asDouble(), 1e-5);
    assertEquals(1.0, json.get("initNoiseSigma").asDouble());
    assertEquals(10, json.get("unetCalls").asInt());
  }

  @Test
  void aConfigFileChangesTheSchedule() throws IOException {
    Path config = dir.resolve("scheduler_config.json");
    Files.writeString(config, "{\"beta_schedule\": \"scaled_linear\", \"beta_start\": 0.00085,"
        + " \"beta_end\": 0.012, \"timestep_spacing\": \"linspace\", \"_class_name\": \"X\"}");
    JsonNode json = ok("schedule", "--steps", "7", "--strength", "1", "--config",
        config.toString());
    assertEquals(List.of(999.0, 832.5, 666.0, 499.5, 333.0, 166.5, 0.0),
        numbers(json.get("timesteps")));
    assertTrue(json.get("timesteps").get(1).isFloatingPointNumber());
    assertEquals(14.614647, json.get("initNoiseSigma").asDouble(), 1e-5,
        "linspace: init_noise_sigma is sigma max");
  }

  @Test
  void badFlagsExitTwoNamingTheFlagAndRange() {
    assertBadInput("--steps must be in [1, 150], got 0", "schedule", "--steps", "0");
    assertBadInput("--steps must be in [1, 150], got 151", "schedule", "--steps", "151");
    assertBadInput("--strength must be in (0, 1], got 0.0",
        "schedule", "--steps", "20", "--strength", "0");
    assertBadInput("--strength must be in (0, 1], got 1.5",
        "schedule", "--steps", "20", "--strength", "1.5");
    assertBadInput("--sampler must be one of euler, euler_a, dpmpp_2m, dpmpp_2m_karras; got"
        + " 'ddim'", "schedule", "--sampler", "ddim", "--steps", "20");
    assertBadInput("--steps", "schedule", "--steps", "many");
    assertBadInput("--steps", "schedule");
  }

  @Test
  void aStepCountThatRunsNothingNamesStrengthAndSteps() {
    CliRun run = CliRun.of("schedule", "--steps", "1");
    assertEquals(Main.BAD_INPUT, run.exit());
    assertTrue(run.err().startsWith("segfill schedule: strength 0.99 with steps 1 runs no"
        + " denoising step"), run.err());
    assertEquals(1, run.err().strip().split("\n").length, "one line: " + run.err());
  }

  @Test
  void badConfigFilesAreNamed() throws IOException {
    Path missing = dir.resolve("missing.json");
    assertBadInput("--config must be an existing file, got " + missing,
        "schedule", "--steps", "20", "--config", missing.toString());
    Path broken = dir.resolve("broken.json");
    Files.writeString(broken, "{\"beta_start\": ");
    assertBadInput(broken + ": not valid JSON",
        "schedule", "--steps", "20", "--config", broken.toString());
    Path vpred = dir.resolve("vpred.json");
    Files.writeString(vpred, "{\"prediction_type\": \"v_prediction\"}");
    assertBadInput(vpred + ": prediction_type must be \"epsilon\"",
        "schedule", "--steps", "20", "--config", vpred.toString());
  }

  private static List<String> iterable(Iterator<String> names) {
    List<String> list = new ArrayList<>();
    names.forEachRemaining(list::add);
    return list;
  }
}
