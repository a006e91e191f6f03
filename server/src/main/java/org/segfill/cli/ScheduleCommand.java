package org.segfill.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.segfill.engine.sdxl.scheduler.Sampler;
import org.segfill.engine.sdxl.scheduler.Schedule;
import org.segfill.engine.sdxl.scheduler.SchedulerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code segfill schedule}: the timesteps and sigmas a sampler runs, as one JSON line. */
@Command(
    name = "schedule",
    description = "Print, as one JSON line, the timesteps and sigmas a sampler runs for a step"
        + " count and strength: {\"timesteps\":[...],\"sigmas\":[...],\"initNoiseSigma\":x,"
        + "\"unetCalls\":n}. The sigmas are those of the steps that run, then the final one.")
final class ScheduleCommand implements Callable<Integer> {
  /** The step counts the engine accepts for a request. */
  static final int MAX_STEPS = 150;

  @Spec private CommandSpec spec;

  @Option(names = "--sampler", paramLabel = "ID", defaultValue = "euler",
      description = "euler (default), euler_a, dpmpp_2m or dpmpp_2m_karras.")
  private String sampler;

  @Option(names = "--steps", paramLabel = "N", required = true,
      description = "Inference steps, 1 to " + MAX_STEPS + ".")
  private int steps;

  @Option(names = "--strength", paramLabel = "S", defaultValue = "0.99",
      description = "In (0, 1]; below 1 the first steps are skipped (default ${DEFAULT-VALUE}).")
  private double strength;

  @Option(names = "--config", paramLabel = "FILE",
      description = "A diffusers scheduler_config.json (default: the SDXL values).")
  private Path config;

  @Override
  public Integer call() throws IOException {
    Sampler chosen = sampler();
    if (steps < 1 || steps > MAX_STEPS) {
      throw new IllegalArgumentException(
          "--steps must be in [1, " + MAX_STEPS + "], got " + steps);
    }
    if (!(strength > 0 && strength <= 1)) {
      throw new IllegalArgumentException("--strength must be in (0, 1], got " + strength);
    }
    Schedule schedule = chosen.plan(schedulerConfig(), steps, strength);
    spec.commandLine().getOut().println(new ObjectMapper().writeValueAsString(json(schedule)));
    return 0;
  }

  private Sampler sampler() {
    try {
      return Sampler.fromId(sampler);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--sampler must be one of " + String.join(", ", Sampler.ids()) + "; got '" + sampler
              + "'", e);
    }
  }

  private SchedulerConfig schedulerConfig() throws IOException {
    if (config == null) {
      return SchedulerConfig.sdxlDefaults();
    }
    if (!Files.isRegularFile(config)) {
      throw new IllegalArgumentException("--config must be an existing file, got " + config);
    }
    return SchedulerConfig.read(config);
  }

  private static ObjectNode json(Schedule schedule) {
    ObjectNode root = new ObjectMapper().createObjectNode();
    ArrayNode timesteps = root.putArray("timesteps");
    for (float t : schedule.timesteps()) {
      // Integral timesteps print as integers, as diffusers lists them; Euler's fractional ones
      // ("linspace", Karras) keep their float32 value.
      if (t == Math.rint(t)) {
        timesteps.add((int) t);
      } else {
        timesteps.add(t);
      }
    }
    ArrayNode sigmas = root.putArray("sigmas");
    for (float s : schedule.sigmas()) {
      sigmas.add(s);
    }
    root.put("initNoiseSigma", schedule.initNoiseSigma());
    root.put("unetCalls", schedule.unetCalls());
    return root;
  }
}
