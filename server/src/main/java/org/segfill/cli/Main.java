package org.segfill.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code segfill} command line: one subcommand per verb. */
@Command(
    name = "segfill",
    mixinStandardHelpOptions = true,
    version = "segfill 0.1.0",
    description = "Click-to-mask (SAM) and SDXL inpainting engine and server.",
    subcommands = {DevicesCommand.class})
public final class Main implements Runnable {

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the CLI and returns its exit code (tests call this instead of main). */
  public static int run(String... args) {
    return new CommandLine(new Main()).execute(args);
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
