package org.segfill.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A model bundle for a benchmark: the directory given as the suite's parameter, or, for
 * {@value #TINY}, the tiny stand-in bundles written to a temporary directory that {@link #close}
 * deletes again.
 */
public final class BenchBundles implements AutoCloseable {

  /** The parameter value that asks for the tiny test bundles. */
  public static final String TINY = "tiny";

  private final Path dir;
  private final Path temporary;

  private BenchBundles(Path dir, Path temporary) {
    this.dir = dir;
    this.temporary = temporary;
  }

  /**
   * The bundle named by {@code param}: a directory, or {@value #TINY}, in which case {@code write}
   * writes the tiny bundles under a temporary root and returns the bundle directory.
   */
  public static BenchBundles of(String param, TinyWriter write) throws IOException {
    if (!TINY.equals(param)) {
      Path dir = Path.of(param);
      if (!Files.isDirectory(dir)) {
        throw new IllegalArgumentException("bundle: " + param + " is not a directory");
      }
      return new BenchBundles(dir, null);
    }
    Path root = Files.createTempDirectory("segfill-bench-bundles");
    return new BenchBundles(write.write(root), root);
  }

  /** The bundle directory. */
  public Path dir() {
    return dir;
  }

  @Override
  public void close() {
    if (temporary != null) {
      deleteTree(temporary);
    }
  }

  /** Deletes {@code root} and everything under it. */
  public static void deleteTree(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes tiny bundles under a root and returns the directory the suite opens. */
  @FunctionalInterface
  public interface TinyWriter {
    Path write(Path root) throws IOException;
  }
}
