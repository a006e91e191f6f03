package org.segfill.cli;

import java.nio.file.Path;
import java.util.List;
import org.segfill.server.engine.BackendChoice;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code --backend} option of the one-shot commands ({@code segment}, {@code inpaint}): the
 * backend is chosen exactly as {@code serve} chooses it ({@link BackendChoice}), and the choice
 * and its reason go to stderr, since stdout carries the commands' JSON lines.
 */
final class BackendOption {

  @Spec(Spec.Target.MIXEE) private CommandSpec command;

  @Option(names = "--backend", defaultValue = "auto", paramLabel = "B",
      description = "auto (default: the best available of tensorrt, ort-cuda and ort-cpu, in"
          + " that order, saying why on stderr), or one of them, refused with the reason (exit"
          + " 1) if it cannot run here. tensorrt needs plans from build-engines.")
  private String requested;

  /**
   * The backend for the graphs of {@code bundle}, or for no bundle ({@code null}: the classic
   * engines, where only an explicitly named backend is checked, as {@code serve} does). With a
   * bundle, says on stderr which backend runs it and why.
   *
   * @throws IllegalArgumentException naming {@code --backend} and the allowed values for an
   *     unknown name
   * @throws org.segfill.engine.backend.BackendUnavailableException with the reason, when the
   *     named backend cannot run here
   */
  BackendChoice choose(Path bundle) {
    BackendChoice choice;
    try {
      choice = BackendChoice.forBundles(requested, bundle == null ? List.of() : List.of(bundle));
    } catch (IllegalArgumentException e) {
      // BackendChoice names the setting, not the flag; on the command line the flag is what
      // the user typed (serve's config loader adds it the same way).
      throw new IllegalArgumentException("--backend: " + e.getMessage(), e);
    }
    if (bundle != null) {
      // Only when graphs will run on it: a classic run's stderr stays empty, or one line on
      // bad input.
      command.commandLine().getErr().printf("segfill %s: backend %s: %s%n", command.name(),
          choice.selected(), choice.reason());
    }
    return choice;
  }
}
