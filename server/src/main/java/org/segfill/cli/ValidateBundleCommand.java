package org.segfill.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.segfill.engine.backend.ort.OrtBackend;
import org.segfill.models.bundle.BundleValidator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code segfill validate-bundle DIR}: checks a bundle's graphs against the pipelines. */
@Command(
    name = "validate-bundle",
    description = "Check every graph of a model bundle: files present and loadable, input and"
        + " output names, dtypes and ranks as the pipeline expects. Prints one line per problem"
        + " and exits 1 if there is any.")
final class ValidateBundleCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Parameters(paramLabel = "DIR", description = "The bundle directory.")
  private Path dir;

  @Override
  public Integer call() {
    BundleValidator.Report report = new BundleValidator(new OrtBackend(1)).validate(dir);
    PrintWriter out = spec.commandLine().getOut();
    for (String problem : report.problems()) {
      out.println("problem: " + problem);
    }
    if (report.ok()) {
      out.println("ok: " + report.kind() + " bundle " + dir + " (" + report.checked().size()
          + " graphs checked)");
      return 0;
    }
    out.println(report.problems().size() + " problem(s) in " + dir);
    return 1;
  }
}
