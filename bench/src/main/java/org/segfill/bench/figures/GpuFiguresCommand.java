package org.segfill.bench.figures;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;
import org.segfill.bench.report.BundleFlags;
import org.segfill.devices.CudaProbe;
import org.segfill.devices.CudaReport;
import org.segfill.devices.TensorRtProbe;
import org.segfill.devices.TensorRtReport;
import org.segfill.engine.backend.tensorrt.EngineManifest;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code segfill bench figures}: measures the GPU figures of {@link GpuFigureMath} on the
 * tensorrt backend and writes them as JSON and markdown. scripts/gpu-check.sh runs it; the
 * launcher runs it from bench/target/benchmarks.jar. Exit 0 when measured (whatever the
 * verdicts), 2 for bad input, 3 without a GPU or TensorRT, 1 when a measurement failed.
 */
@Command(name = "segfill bench figures", mixinStandardHelpOptions = true,
    description = "Measure device memory per plan, SDXL inpaint latency with and without"
        + " previews, the step time outside the UNet and SAM encode and click on tensorrt;"
        + " write them with their H100 goals as JSON (--out) and markdown (--markdown).")
public final class GpuFiguresCommand implements Callable<Integer> {

  /** Exit code of a run refused for bad input (the CLI's convention). */
  public static final int BAD_INPUT = 2;
  /** Exit code without a usable GPU or TensorRT (as gpu-check.sh's "no NVIDIA GPU"). */
  public static final int NO_GPU = 3;

  private static final String NAME = "segfill bench figures";

  @Option(names = "--sam", required = true, paramLabel = "DIR",
      description = "SAM bundle with TensorRT plans (segfill build-engines)")
  Path sam;

  @Option(names = "--sdxl", required = true, paramLabel = "DIR",
      description = "SDXL inpainting bundle with TensorRT plans (segfill build-engines)")
  Path sdxl;

  @Option(names = "--out", required = true, paramLabel = "FILE.json",
      description = "where to write the figures as JSON")
  Path out;

  @Option(names = "--markdown", paramLabel = "FILE.md",
      description = "where to write the markdown section; default: --out with .md")
  Path markdown;

  @Option(names = "--test-bundles", split = ",", paramLabel = "B",
      description = "which bundles are segfill's tiny test bundles (sam, sdxl): their figures"
          + " only exercise the path and get no verdict")
  List<String> testBundles = List.of();

  @Option(names = "--runs", defaultValue = "10", paramLabel = "N",
      description = "timed inpaints per series and UNet batches (default: ${DEFAULT-VALUE})")
  int runs;

  @Option(names = "--sam-runs", defaultValue = "50", paramLabel = "N",
      description = "timed SAM encodes and clicks (default: ${DEFAULT-VALUE})")
  int samRuns;

  @Option(names = "--warmups", defaultValue = "3", paramLabel = "N",
      description = "untimed runs before each series (default: ${DEFAULT-VALUE})")
  int warmups;

  @Spec
  CommandSpec spec;

  /** Runs the command with the process's streams and exits with its code. */
  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    System.exit(run(out, err, args));
  }

  /**
   * Runs the command and returns its exit code; bad input and a missing GPU are one line on
   * {@code err}.
   */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new GpuFiguresCommand());
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler((e, line, parsed) -> {
      if (e instanceof IllegalArgumentException) {
        line.getErr().println(NAME + ": " + e.getMessage());
        line.getErr().flush();
        return BAD_INPUT;
      }
      throw e;
    });
    return cli.execute(args);
  }

  @Override
  public Integer call() throws Exception {
    checkInput();
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter log = spec.commandLine().getOut();
    String noGpu = noGpuReason();
    if (noGpu != null) {
      err.println(NAME + ": " + noGpu);
      err.flush();
      return NO_GPU;
    }
    String date = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    CudaReport cuda = CudaProbe.probe();
    String versions = "TensorRT " + TensorRtProbe.probe().version() + ", CUDA runtime "
        + cuda.runtimeVersion() + ", driver " + cuda.driverVersion();
    GpuMeasurements.Result measured = new GpuMeasurements(warmups, runs, samRuns, log)
        .measure(sam, sdxl);
    GpuFiguresReport report = new GpuFiguresReport(date, cuda.devices().get(0), versions,
        sam.toString(), sdxl.toString(), testBundles, warmups, runs, samRuns, measured.memory(),
        GpuFigureMath.figures(measured.samples(), !testBundles.contains("sam"),
            !testBundles.contains("sdxl")),
        measured.samples());
    Path md = markdownFile();
    GpuFiguresWriter.write(report, out, md);
    log.println("figures: " + summary(report.figures()) + "; wrote " + out + " and " + md);
    log.flush();
    return 0;
  }

  /** "2 within, 1 over, 7 without a goal": the verdicts in one line. */
  static String summary(List<Figure> figures) {
    StringBuilder s = new StringBuilder();
    for (Verdict v : Verdict.values()) {
      long n = figures.stream().filter(f -> f.verdict() == v).count();
      if (n > 0) {
        s.append(s.length() == 0 ? "" : ", ").append(n).append(' ').append(v.text());
      }
    }
    return s.toString();
  }

  // Why the figures cannot run here, naming the missing library, or null when they can.
  private static String noGpuReason() {
    CudaReport cuda = CudaProbe.probe();
    if (!cuda.available()) {
      return "no GPU: " + cuda.reason();
    }
    TensorRtReport trt = TensorRtProbe.probe();
    if (!trt.available()) {
      return "no TensorRT: " + trt.reason();
    }
    return null;
  }

  private void checkInput() {
    for (String b : testBundles) {
      if (!GpuFiguresReport.BUNDLES.contains(b)) {
        throw new IllegalArgumentException("--test-bundles: '" + b + "' is not a bundle;"
            + " allowed: " + String.join(", ", GpuFiguresReport.BUNDLES));
      }
    }
    requireAtLeast("--runs", runs, 1);
    requireAtLeast("--sam-runs", samRuns, 1);
    requireAtLeast("--warmups", warmups, 0);
    BundleFlags.check("--sam", sam);
    BundleFlags.check("--sdxl", sdxl);
    requirePlans("--sam", sam);
    requirePlans("--sdxl", sdxl);
    requireWritable("--out", out);
    requireWritable("--markdown", markdownFile());
  }

  private static void requireAtLeast(String flag, int value, int least) {
    if (value < least) {
      throw new IllegalArgumentException(flag + ": must be at least " + least + ", got " + value);
    }
  }

  private static void requirePlans(String flag, Path bundle) {
    Path manifest = EngineManifest.defaultFile(bundle);
    if (!Files.isRegularFile(manifest)) {
      throw new IllegalArgumentException(flag + ": " + bundle + " has no TensorRT plans ("
          + manifest + " is missing); build them with: ./segfill build-engines --bundle "
          + bundle);
    }
  }

  private static void requireWritable(String flag, Path file) {
    Path dir = file.toAbsolutePath().getParent();
    if (Files.isDirectory(file) || dir == null || !Files.isDirectory(dir)) {
      throw new IllegalArgumentException(flag + ": " + file + " is not a file in an existing"
          + " directory");
    }
  }

  private Path markdownFile() {
    if (markdown != null) {
      return markdown;
    }
    String name = out.getFileName().toString();
    return out.resolveSibling((name.endsWith(".json")
        ? name.substring(0, name.length() - ".json".length()) : name) + ".md");
  }
}
