package org.segfill.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.segfill.bench.BenchBackends;
import org.segfill.bench.BenchBundles;
import org.segfill.engine.backend.BackendKind;
import org.segfill.engine.backend.BackendProbes;
import org.segfill.bench.load.InProcessServer;
import org.segfill.bench.load.LoadGenerator;
import org.segfill.bench.load.LoadReport;
import org.segfill.bench.load.LoadSettings;
import org.segfill.models.testbundle.TestBundles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code segfill bench}: runs the stage suites on every backend and the server load benchmark,
 * and writes report.md, report.json and the PNG charts into {@code --out}. It lives in bench/
 * (the launcher runs it from bench/target/benchmarks.jar) so that JMH, the baselines and the
 * charting library stay out of the application jar.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Benchmark every stage on every backend and the server under load; write"
        + " report.md, report.json and PNG charts into --out.")
public final class BenchCommand implements Callable<Integer> {

  @Option(names = "--sam", paramLabel = "DIR",
      description = "SAM bundle (sam-onnx or hf layout); default: the tiny test bundle")
  Path sam;

  @Option(names = "--sdxl", paramLabel = "DIR",
      description = "SDXL inpainting bundle; default: the tiny test bundle")
  Path sdxl;

  @Option(names = "--backend", split = ",", paramLabel = "B",
      description = "backends to measure, comma-separated; default: every one present (${"
          + "COMPLETION-CANDIDATES})")
  List<String> backends;

  @Option(names = "--quick", description = "short iterations: finishes in about 2 minutes on"
      + " the tiny bundles")
  boolean quick;

  @Option(names = "--out", required = true, paramLabel = "DIR",
      description = "new or empty directory for the report")
  Path out;

  @Option(names = "--url", paramLabel = "URL",
      description = "load a running server (token from SEGFILL_TOKEN) instead of starting one"
          + " in-process on the bundles")
  String url;

  @Option(names = "--skip-suites", description = "only the server load benchmark")
  boolean skipSuites;

  @Option(names = "--skip-load", description = "only the stage suites")
  boolean skipLoad;

  /** Exit code of a run refused for bad input (the CLI's convention). */
  static final int BAD_INPUT = 2;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command and returns its exit code; bad input is one line on stderr, code 2. */
  public static int run(String... args) {
    CommandLine cli = new CommandLine(new BenchCommand());
    cli.setExecutionExceptionHandler((e, line, parsed) -> {
      if (e instanceof IllegalArgumentException) {
        line.getErr().println("segfill bench: " + e.getMessage());
        line.getErr().flush();
        return BAD_INPUT;
      }
      throw e;
    });
    return cli.execute(args);
  }

  @Override
  public Integer call() throws Exception {
    long started = System.nanoTime();
    // Without bundles the tiny ones serve, which have no TensorRT plans.
    List<Path> given = Stream.of(sam, sdxl).filter(Objects::nonNull).toList();
    List<String> available = BenchBackends.available(given);
    List<String> chosen = backends == null ? available : backends;
    List<String> ids = Arrays.stream(BackendKind.values()).map(BackendKind::id).toList();
    for (String b : chosen) {
      if (!ids.contains(b)) {
        throw new IllegalArgumentException("--backend: '" + b + "' is not a backend; allowed: "
            + String.join(", ", ids));
      }
      if (!available.contains(b)) {
        throw new IllegalArgumentException("--backend: " + b + " cannot run here: "
            + BackendProbes.availability(BackendKind.of(b), given).reason());
      }
    }
    BundleFlags.check("--sam", sam);
    BundleFlags.check("--sdxl", sdxl);
    if (skipSuites && skipLoad) {
      throw new IllegalArgumentException("--skip-suites, --skip-load: nothing left to run");
    }
    Path dir = OutDirectory.prepare(out);
    String date = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();

    Path tiny = Files.createTempDirectory("segfill-bench-tiny");
    try {
      Path samDir = sam != null ? sam
          : TestBundles.writeSam(tiny).resolve(TestBundles.SAM_ONNX);
      Path sdxlDir = sdxl != null ? sdxl : TestBundles.writeSdxl(tiny);
      String bundles = "SAM " + (sam != null ? sam : "tiny test bundle") + ", SDXL "
          + (sdxl != null ? sdxl : "tiny test bundle");

      SuiteRunner.Outcome suites = new SuiteRunner.Outcome(Double.NaN, List.of());
      if (!skipSuites) {
        int steps = 30;
        Map<String, List<String>> params = new LinkedHashMap<>();
        params.put("backend", chosen);
        params.put("sam", List.of(samDir.toString()));
        params.put("sdxl", List.of(sdxlDir.toString()));
        params.put("steps", List.of(Integer.toString(steps)));
        SuiteRunner runner = quick ? SuiteRunner.quick() : SuiteRunner.full();
        suites = runner.run(Stage.MODEL_STAGES, true, params,
            GraphBytes.of(samDir, sdxlDir, steps));
      }

      LoadReport load = null;
      if (!skipLoad) {
        LoadSettings settings = quick ? LoadSettings.quick() : LoadSettings.full();
        if (url != null) {
          load = new LoadGenerator(url, System.getenv("SEGFILL_TOKEN"), settings).run(url);
        } else {
          try (InProcessServer server = InProcessServer.start(samDir, sdxlDir, chosen.get(0),
              Files.createDirectories(tiny.resolve("results")))) {
            load = new LoadGenerator(server.url(), null, settings).run(
                "in-process segfill server (" + chosen.get(0) + ", 2 concurrent jobs) on "
                    + bundles + ", sharing this JVM with the clients");
          }
        }
      }

      BenchReport report = new BenchReport(date, "segfill bench " + commandLine(), quick,
          Machine.probe(), bundles, suites.copyGbPerSecond(), suites.stages(), load);
      List<String> files = ReportWriter.write(report, dir);
      System.out.printf("segfill bench: wrote %s into %s in %.0f s%n", files, dir,
          (System.nanoTime() - started) / 1e9);
      return 0;
    } finally {
      BenchBundles.deleteTree(tiny);
    }
  }

  private String commandLine() {
    List<String> parts = new ArrayList<>();
    if (sam != null) {
      parts.add("--sam " + sam);
    }
    if (sdxl != null) {
      parts.add("--sdxl " + sdxl);
    }
    if (backends != null) {
      parts.add("--backend " + String.join(",", backends));
    }
    if (quick) {
      parts.add("--quick");
    }
    if (url != null) {
      parts.add("--url " + url);
    }
    if (skipSuites) {
      parts.add("--skip-suites");
    }
    if (skipLoad) {
      parts.add("--skip-load");
    }
    parts.add("--out " + out);
    return String.join(" ", parts);
  }
}
