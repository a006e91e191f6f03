package org.segfill.engine.backend.tensorrt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.bytedeco.javacpp.BytePointer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plans larger than any Java array: a sparse plan file over 2 GiB is read into native memory,
 * hashed as on disk, and refused when its hash differs; writing streams native memory to disk.
 */
class PlanFilesTest {

  @TempDir
  Path dir;

  @Test
  void aPlanOver2GiBIsReadWholeAndHashedAsOnDisk() throws IOException {
    long size = (1L << 31) + 4096 + 3;
    long[] marks = {0, (1L << 31) - 2, (1L << 31) - 1, 1L << 31, (1L << 31) + 1, size - 1};
    Path file = dir.resolve("unet.plan");
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      // Sparse: only the marked bytes take disk space.
      raf.setLength(size);
      for (int i = 0; i < marks.length; i++) {
        raf.seek(marks[i]);
        raf.write(0x41 + i);
      }
    }
    String onDisk = TrustedFiles.sha256(file);
    try (NativePlan plan = PlanFiles.readTrusted(List.of(dir), file, onDisk)) {
      assertEquals(size, plan.size());
      assertEquals(onDisk, plan.sha256());
      BytePointer bytes = plan.bytes();
      for (int i = 0; i < marks.length; i++) {
        assertEquals(0x41 + i, bytes.get(marks[i]), "byte at " + marks[i]);
      }
      assertEquals(0, bytes.get(1L << 30), "an unmarked byte in between");
    }
  }

  @Test
  void aPlanWhoseHashDiffersIsRefusedNamingBothHashes() throws IOException {
    Path file = dir.resolve("vae.plan");
    Files.write(file, random(3_000_001, 1));
    String wrong = "0".repeat(64);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PlanFiles.readTrusted(List.of(dir), file, wrong));
    assertTrue(e.getMessage().contains(wrong) && e.getMessage().contains(
        TrustedFiles.sha256(file)), e.getMessage());
  }

  @Test
  void aPlanOutsideTheTrustedDirectoriesIsNotRead(@TempDir Path elsewhere) throws IOException {
    Path file = elsewhere.resolve("evil.plan");
    Files.write(file, random(100, 2));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PlanFiles.readTrusted(List.of(dir), file, TrustedFiles.sha256(file)));
    assertTrue(e.getMessage().contains("outside"), e.getMessage());
  }

  @Test
  void anEmptyPlanIsRefused() throws IOException {
    Path file = dir.resolve("empty.plan");
    Files.write(file, new byte[0]);
    assertThrows(IllegalArgumentException.class,
        () -> PlanFiles.readTrusted(List.of(dir), file, TrustedFiles.sha256(file)));
  }

  @Test
  void readingInChunksGivesTheFileAndItsHash() throws IOException {
    byte[] content = random(5 * 1024 + 17, 3);
    Path file = dir.resolve("chunks.plan");
    Files.write(file, content);
    try (NativePlan plan = PlanFiles.read(file, 1024)) {
      byte[] back = new byte[content.length];
      plan.bytes().get(back);
      assertArrayEquals(content, back);
      assertEquals(TrustedFiles.sha256(content), plan.sha256());
    }
  }

  @Test
  void writingStreamsNativeMemoryInChunksAndReturnsItsHash() throws IOException {
    byte[] content = random(5 * 1024 + 17, 4);
    Path file = dir.resolve("built.plan");
    try (BytePointer native_ = new BytePointer(content)) {
      String sha = PlanFiles.write(file, native_, content.length, 1024);
      assertEquals(TrustedFiles.sha256(content), sha);
    }
    assertArrayEquals(content, Files.readAllBytes(file));
    assertFalse(Files.exists(dir.resolve("built.plan.tmp")), "no temporary file is left");
  }

  private static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }
}
