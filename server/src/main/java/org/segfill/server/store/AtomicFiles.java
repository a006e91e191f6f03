package org.segfill.server.store;

import java.io.IOException;
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

  /** Writes {@code bytes} to {@code target} atomically. */
  public static void write(Path target, byte[] bytes) throws IOException {
    Path temp = tempFor(target);
    try {
      try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
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
}
