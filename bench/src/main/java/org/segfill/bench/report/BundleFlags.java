package org.segfill.bench.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.segfill.models.bundle.SamBundle;
import org.segfill.models.bundle.SdxlBundle;

/**
 * Checks a {@code --sam} or {@code --sdxl} directory before anything runs, with the flag the
 * user typed in the message (bench's commands share it).
 */
public final class BundleFlags {

  private BundleFlags() {}

  /**
   * Checks that {@code dir} holds the bundle {@code flag} names; a null {@code dir} (flag not
   * given) passes.
   *
   * @param flag {@code --sam} or {@code --sdxl}
   * @throws IllegalArgumentException starting with the flag: not a directory, no bundle, or its
   *     first missing file
   */
  public static void check(String flag, Path dir) {
    if (dir == null) {
      return;
    }
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException(flag + ": " + dir + " is not a directory");
    }
    List<String> problems;
    try {
      problems = flag.equals("--sam") ? SamBundle.locate(dir).fileProblems()
          : SdxlBundle.locate(dir).fileProblems();
    } catch (IllegalArgumentException e) {
      // locate names its own field ("sam: ..."); the user typed the flag.
      throw new IllegalArgumentException(flag + ": " + e.getMessage().replaceFirst(
          "^(sam|sdxl): ", ""), e);
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(flag + ": " + dir + ": " + problems.get(0));
    }
  }
}
