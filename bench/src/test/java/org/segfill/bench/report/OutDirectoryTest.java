package org.segfill.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --out must be new or empty and writable. */
class OutDirectoryTest {

  @TempDir Path dir;

  @Test
  void aNewDirectoryIsCreatedAndAnEmptyOneAccepted() {
    Path fresh = dir.resolve("a/b");
    assertEquals(fresh, OutDirectory.prepare(fresh));
    assertTrue(Files.isDirectory(fresh));
    assertEquals(fresh, OutDirectory.prepare(fresh));
  }

  @Test
  void aNonEmptyDirectoryIsRefused() throws IOException {
    Files.writeString(dir.resolve("old-report.md"), "x");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> OutDirectory.prepare(dir));
    assertTrue(e.getMessage().startsWith("--out: ") && e.getMessage().contains("not empty"),
        e.getMessage());
  }

  @Test
  void aFileIsRefused() throws IOException {
    Path file = Files.writeString(dir.resolve("f"), "x");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> OutDirectory.prepare(file));
    assertTrue(e.getMessage().contains("is a file"), e.getMessage());
  }
}
