package org.segfill.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code segfill} command line: one subcommand per verb. */
@Command(
    name = "segfill",
    mixinStandardHelpOptions = true,
    version = "segfill 0.1.0",
    description = "Click-to-mask (SAM) and SDXL inpainting engine and server.",
    // bench lives in bench/ so JMH and its baselines stay out of this jar; the launcher
    // script dispatches it there.
    footer = "%nBenchmarks: ./segfill bench --quick --out DIR (see bench/README.md).",
    subcommands = {
      BuildEnginesCommand.class,
      DevicesCommand.class,
      InpaintCommand.class,
      SegmentCommand.class,
      ServeCommand.class,
      MakeTestBundlesCommand.class,
      ScheduleCommand.class,
      TokenizeCommand.class,
      ValidateBundleCommand.class
    })
public final class Main implements Runnable {

  /** Exit code of a run that failed on bad input: a file, a flag value, an image, a prompt. */
  public static final int BAD_INPUT = 2;
  /** Exit code of a run that failed for another reason (a runtime or I/O error). */
  public static final int FAILED = 1;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the CLI on the process's standard streams and returns its exit code. */
  public static int run(String... args) {
    return run(new PrintWriter(System.out, true, StandardCharsets.UTF_8),
        new PrintWriter(System.err, true, StandardCharsets.UTF_8), args);
  }

  /** Runs the CLI writing to {@code out} and {@code err} (tests capture both). */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new Main());
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(new ErrorReporter());
    try {
      return cli.execute(args);
    } finally {
      out.flush();
      err.flush();
    }
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
