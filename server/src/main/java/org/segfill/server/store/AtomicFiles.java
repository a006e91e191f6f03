package org.segfill.server.store;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Writes files so that a reader (or a restart after a crash) sees either nothing or the whole
 * file: the bytes go to a temporary file in the same directory, are forced to disk, and the
 * temporary file is renamed over the final name in one atomic step.
 */
public final class AtomicFiles {

  /** Suffix of temporary files; recovery deletes every file that ends with it. */
  public static final String TEMP_SUFFIX = ".tmp";

  private AtomicFiles() {}

  /** The temporary file a write of {@code target} goes through first. */
  public static Path tempFor(Path target) {
    return target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID()
        + TEMP_SUFFIX);
  }

  /**
   * Test only: when the system property {@value #PAUSE_PROPERTY} is a positive number of
   * milliseconds, every write stops that long halfway through its temporary file, so a test can
   * kill the process while a result is partly written. Read once; 0 (no pause) when unset.
   */
  public static final String PAUSE_PROPERTY = "segfill.test.atomicWritePauseMs";

  private static final long PAUSE_MS = Long.getLong(PAUSE_PROPERTY, 0);

  /** Writes {@code bytes} to {@code target} atomically. */
  public static void write(Path target, byte[] bytes) throws IOException {
    Path temp = tempFor(target);
    try {
      try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        if (PAUSE_MS > 0) {
          writeHalfAndPause(out, buffer);
        }
        while (buffer.hasRemaining()) {
          out.write(buffer);
        }
        out.force(true);
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static void writeHalfAndPause(FileChannel out, ByteBuffer buffer) throws IOException {
    ByteBuffer half = buffer.duplicate().limit(buffer.remaining() / 2);
    while (half.hasRemaining()) {
      out.write(half);
    }
    buffer.position(half.position());
    out.force(true);
    try {
      Thread.sleep(PAUSE_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted in the pause of " + PAUSE_PROPERTY);
    }
  }
}
