package org.segfill.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Checks {@code --out} before any benchmark runs, so a long run never ends in a failed write:
 * the directory must be new or empty, and writable.
 */
public final class OutDirectory {

  private OutDirectory() {}

  /**
   * Creates {@code dir} if missing and returns it.
   *
   * @throws IllegalArgumentException naming {@code --out} when it is a file, is not empty, or
   *     cannot be created or written
   */
  public static Path prepare(Path dir) {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new IllegalArgumentException("--out: " + dir + " is a file; give a new or empty"
          + " directory");
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new IllegalArgumentException("--out: cannot create " + dir + " (" + e + ")");
    }
    try (Stream<Path> entries = Files.list(dir)) {
      if (entries.findAny().isPresent()) {
        throw new IllegalArgumentException("--out: " + dir + " is not empty; give a new or"
            + " empty directory so no earlier report is overwritten or mixed in");
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("--out: cannot list " + dir + " (" + e + ")");
    }
    // Files.isWritable alone says yes for root on a read-only mount; a probe file does not lie.
    Path probe = dir.resolve(".segfill-bench-probe");
    try {
      Files.writeString(probe, "");
      Files.delete(probe);
    } catch (IOException e) {
      throw new IllegalArgumentException("--out: " + dir + " is not writable (" + e + ")");
    }
    return dir;
  }
}
