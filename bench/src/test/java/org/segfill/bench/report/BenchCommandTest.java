package org.segfill.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code segfill bench} refuses bad input before measuring anything: exit 2 and one line naming
 * the flag. (The run itself is covered by the suite, load and writer tests; the full
 * {@code --quick} run takes over a minute, so it is a manual command in bench/README.md.)
 */
class BenchCommandTest {

  @TempDir Path dir;

  private String refusal(String... args) {
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      assertEquals(2, BenchCommand.run(args));
    } finally {
      System.setErr(err);
    }
    return captured.toString(StandardCharsets.UTF_8).strip();
  }

  @Test
  void aNonEmptyOutIsRefused() throws IOException {
    Files.writeString(dir.resolve("x"), "x");
    String line = refusal("--quick", "--out", dir.toString());
    assertTrue(line.startsWith("segfill bench: --out: ") && line.contains("not empty"), line);
  }

  @Test
  void anUnknownBackendIsRefusedNamingTheAllowedOnes() {
    String line = refusal("--backend", "cuda-magic", "--out", dir.resolve("new").toString());
    assertEquals("segfill bench: --backend: 'cuda-magic' is not a backend; allowed: tensorrt,"
        + " ort-cuda, ort-cpu", line);
    assertFalse(Files.exists(dir.resolve("new")), "refused before creating anything");
  }

  @Test
  void tensorRtWithoutPlansIsRefusedWithTheReason() {
    String line = refusal("--backend", "tensorrt", "--out", dir.resolve("trt").toString());
    assertTrue(line.startsWith("segfill bench: --backend: tensorrt cannot run here: "), line);
    assertFalse(Files.exists(dir.resolve("trt")), "refused before creating anything");
  }

  @Test
  void aDirectoryWithoutABundleIsRefusedNamingTheFlag() throws IOException {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    String sam = refusal("--sam", empty.toString(), "--out", dir.resolve("o1").toString());
    assertTrue(sam.startsWith("segfill bench: --sam: ") && sam.contains("no SAM bundle"), sam);
    String sdxl = refusal("--sdxl", dir.resolve("missing").toString(), "--out",
        dir.resolve("o2").toString());
    assertTrue(sdxl.startsWith("segfill bench: --sdxl: ") && sdxl.contains("not a directory"),
        sdxl);
  }

  @Test
  void skippingBothHalvesIsRefused() {
    String line = refusal("--skip-suites", "--skip-load", "--out", dir.resolve("o").toString());
    assertTrue(line.startsWith("segfill bench: --skip-suites, --skip-load: "), line);
  }
}
