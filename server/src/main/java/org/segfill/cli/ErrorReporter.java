package org.segfill.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import org.segfill.engine.backend.BackendUnavailableException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns a subcommand's exception into one line on stderr and an exit code: bad input (an
 * {@link IllegalArgumentException}, which every validation in the engine throws with the field
 * named, a request the installed engines cannot serve, or a missing file) exits
 * {@link Main#BAD_INPUT}; anything else exits {@link Main#FAILED}
 * and also prints the stack trace, since it is a bug or an environment problem.
 */
final class ErrorReporter implements IExecutionExceptionHandler {

  @Override
  public int handleExecutionException(Exception e, CommandLine command, ParseResult parsed) {
    PrintWriter err = command.getErr();
    String name = "segfill " + command.getCommandName();
    if (e instanceof BackendUnavailableException) {
      // The message is the whole story (which library or device is missing): no stack trace.
      err.println(name + ": " + e.getMessage());
      return Main.FAILED;
    }
    if (isBadInput(e)) {
      err.println(name + ": " + e.getMessage());
      return Main.BAD_INPUT;
    }
    err.println(name + ": failed: " + e);
    e.printStackTrace(err);
    return Main.FAILED;
  }

  private static boolean isBadInput(Throwable e) {
    return e instanceof IllegalArgumentException
        || e instanceof UnsupportedOperationException
        || e instanceof NoSuchFileException
        || (e instanceof UncheckedIOException u && u.getCause() instanceof NoSuchFileException);
  }
}
