package org.segfill.engine.backend.tensorrt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;

/**
 * Plan files of any size: the SDXL UNet's plan is about 5 GB, more than a Java array or a
 * ByteBuffer holds. A plan goes from TensorRT's native memory to disk, and from disk into native
 * memory, in chunks, and is hashed on the way, so the hash always covers the very bytes written
 * or deserialised.
 */
public final class PlanFiles {

  /** Bytes per read or write: large enough for full disk speed, far below 2 GiB. */
  static final int CHUNK = 64 << 20;

  private PlanFiles() {}

  /**
   * Writes {@code size} bytes at {@code data} to {@code file} atomically (a reader, or a crash,
   * never sees half a plan) and durably, and returns their hex SHA-256.
   */
  public static String write(Path file, Pointer data, long size) {
    return write(file, data, size, CHUNK);
  }

  static String write(Path file, Pointer data, long size, int chunk) {
    if (size < 0) {
      throw new IllegalArgumentException("size: must be >= 0, got " + size);
    }
    MessageDigest digest = TrustedFiles.sha256Digest();
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE,
          StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
        for (long at = 0; at < size; at += chunk) {
          ByteBuffer part = view(data, at, Math.min(chunk, size - at));
          digest.update(part.duplicate());
          while (part.hasRemaining()) {
            out.write(part);
          }
        }
        out.force(true);
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // The write error below is the one worth reporting.
      }
      throw new UncheckedIOException("cannot write plan " + file, e);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /**
   * Reads a plan into native memory after checking it lies inside {@code roots}, and checks that
   * the bytes read hash to {@code expectedSha256} before anyone can deserialise them.
   *
   * @throws IllegalArgumentException for a file outside the roots, an empty file, or a hash
   *     that differs (naming both hashes)
   * @throws UncheckedIOException when the file cannot be read whole
   */
  public static NativePlan readTrusted(List<Path> roots, Path file, String expectedSha256) {
    Path real = TrustedFiles.requireInside(roots, file, "plan");
    NativePlan plan = read(real, CHUNK);
    if (!plan.sha256().equalsIgnoreCase(expectedSha256)) {
      plan.close();
      throw new IllegalArgumentException(file + ": SHA-256 " + plan.sha256() + " differs from"
          + " the manifest's " + expectedSha256 + "; refused (rebuild with segfill build-engines"
          + " if the change is yours)");
    }
    return plan;
  }

  static NativePlan read(Path file, int chunk) {
    try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
      // The size is read once; a file that changes meanwhile is caught by the hash or the
      // short read below.
      long size = in.size();
      if (size == 0) {
        throw new IllegalArgumentException("plan " + file + " is empty; rebuild it");
      }
      Pointer memory = Pointer.malloc(size);
      if (memory == null || memory.isNull()) {
        throw new OutOfMemoryError("cannot allocate " + size + " bytes of native memory for plan "
            + file);
      }
      try {
        MessageDigest digest = TrustedFiles.sha256Digest();
        for (long at = 0; at < size; at += chunk) {
          ByteBuffer part = view(memory, at, Math.min(chunk, size - at));
          while (part.hasRemaining()) {
            if (in.read(part) < 0) {
              throw new IOException("file ended at byte " + (at + part.position()) + " of "
                  + size + " (changed while read)");
            }
          }
          part.flip();
          digest.update(part);
        }
        return new NativePlan(memory, size, HexFormat.of().formatHex(digest.digest()));
      } catch (IOException | RuntimeException e) {
        Pointer.free(memory);
        throw e;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read plan " + file, e);
    }
  }

  // A direct ByteBuffer over `length` (< 2 GiB) bytes of native memory at `base + offset`,
  // positioned at 0. Not BytePointer.position(offset).asByteBuffer(): that buffer spans the block
  // from its start up to offset + length, so it cannot reach past 2 GiB.
  private static ByteBuffer view(Pointer base, long offset, long length) {
    return new Window(base, offset, length).asByteBuffer();
  }

  /** Bytes of a native block from an address, for a buffer view of them (one byte each). */
  private static final class Window extends BytePointer {
    Window(Pointer base, long offset, long length) {
      address = base.address() + offset;
      limit = length;
      capacity = length;
    }
  }
}
