package org.segfill.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.segfill.server.ConfigLoader;
import org.segfill.server.SegfillServer;
import org.segfill.server.ServerConfig;
import org.segfill.server.Setting;
import org.segfill.server.engine.BackendChoice;
import org.segfill.server.engine.EngineLoader;
import org.segfill.server.engine.Readiness;
import org.segfill.server.engine.TestFaults;
import org.segfill.server.http.Responses;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Spec;

/**
 * {@code segfill serve}: the HTTP server. Its flags are generated from {@link Setting}, the same
 * list the environment variables and the config file use, so the three cannot drift apart.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    modelTransformer = ServeCommand.Flags.class,
    description = "Serve the page and the HTTP API v1 (see /openapi.json). Settings come from"
        + " flags, then SEGFILL_* environment variables, then --config FILE (JSON), then the"
        + " defaults. Without --sam/--sdxl the classic engines serve.")
final class ServeCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  /** Adds one {@code --flag VALUE} option per {@link Setting}. */
  static final class Flags implements CommandLine.IModelTransformer {
    @Override
    public CommandSpec transform(CommandSpec command) {
      for (Setting s : Setting.values()) {
        String dflt = s.defaultValue() == null || s.defaultValue().isEmpty() ? ""
            : " (default " + s.defaultValue() + ")";
        command.addOption(OptionSpec.builder(s.flag())
            .paramLabel(s == Setting.PORT ? "PORT" : "VALUE")
            .type(String.class)
            .description(s.help() + dflt + " [" + s.env() + "]")
            .build());
      }
      return command;
    }
  }

  @Override
  public Integer call() throws InterruptedException {
    Map<Setting, String> flags = new EnumMap<>(Setting.class);
    for (Setting s : Setting.values()) {
      String value = spec.findOption(s.flag()).getValue();
      if (value != null) {
        flags.put(s, value);
      }
    }
    ServerConfig config = ConfigLoader.load(flags, System.getenv());
    PrintWriter out = spec.commandLine().getOut();
    SegfillServer server;
    if (TestFaults.requested()) {
      spec.commandLine().getErr().println("segfill serve: -D" + TestFaults.PROPERTY + "=true:"
          + " every click breaks the CUDA context first (a test of reliability A6; never in"
          + " production)");
      server = SegfillServer.start(config, c -> TestFaults.breakingClicks(EngineLoader.load(c)));
    } else {
      server = SegfillServer.start(config);
    }
    server.onDeviceLost(() -> exitForSupervisor(spec.commandLine().getErr()));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "segfill-shutdown"));
    BackendChoice backend = EngineLoader.backend(config);
    out.printf("segfill serve: backend %s: %s%n", backend.selected(), backend.reason());
    out.printf("segfill serve: listening on http://%s:%d/ (segmenter: %s, inpainter: %s);"
            + " loading engines...%n", host(config.bind()), server.port(),
        config.sam() == null ? "classic, no --sam" : "sam " + config.sam(),
        config.sdxl() == null ? "classic, no --sdxl" : "sdxl " + config.sdxl());
    Readiness.State state = server.awaitEngines(Duration.ofDays(365));
    if (state != Readiness.State.READY) {
      server.close();
      throw new IllegalArgumentException("the engines failed to load: "
          + server.engineFailure().orElse("unknown reason"));
    }
    out.println("segfill serve: ready " + new String(Responses.json(server.engines()
        .orElseThrow()), StandardCharsets.UTF_8));
    stopped.await();
    return 0;
  }

  /** Exit code after a sticky CUDA error, for a supervisor to restart the server. */
  static final int DEVICE_LOST = 70;

  // A sticky CUDA error poisons the context for good: give in-flight responses (the 500 that
  // reported it, /health/live's 503) a second to go out, then exit; halt if shutdown hangs on
  // the dead device.
  private static void exitForSupervisor(PrintWriter err) {
    err.println("segfill serve: the GPU context is lost (sticky CUDA error); exiting with "
        + DEVICE_LOST + " so a supervisor restarts the server");
    Thread exit = new Thread(() -> {
      try {
        Thread.sleep(1_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      Thread watchdog = new Thread(() -> {
        try {
          Thread.sleep(8_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        Runtime.getRuntime().halt(DEVICE_LOST);
      }, "segfill-exit-watchdog");
      watchdog.setDaemon(true);
      watchdog.start();
      System.exit(DEVICE_LOST);
    }, "segfill-device-lost");
    exit.setDaemon(true);
    exit.start();
  }

  private static String host(String bind) {
    return bind.contains(":") ? "[" + bind + "]" : bind;
  }
}
