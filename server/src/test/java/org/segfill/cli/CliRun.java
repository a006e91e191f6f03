package org.segfill.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One CLI invocation's exit code and captured output, for tests. */
record CliRun(int exit, String out, String err) {

  static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new CliRun(exit, out.toString(), err.toString());
  }
}
