package org.segfill.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --out must be new or empty and writable; the command refuses before measuring anything. */
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

  @Test
  void theCommandExitsTwoWithOneLineForANonEmptyOutOrAnUnknownBackend() throws IOException {
    Files.writeString(dir.resolve("x"), "x");
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      assertEquals(2, BenchCommand.run("--quick", "--out", dir.toString()));
      assertEquals(2, BenchCommand.run("--backend", "cuda-magic", "--out",
          dir.resolve("new").toString()));
    } finally {
      System.setErr(err);
    }
    String text = captured.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("segfill bench: --out: ") && text.contains("not empty"), text);
    assertTrue(text.contains("segfill bench: --backend: 'cuda-magic' is not available in this"
        + " build; allowed: ort-cpu"), text);
    assertTrue(!Files.exists(dir.resolve("new")), "refused before creating anything");
  }
}
