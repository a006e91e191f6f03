package org.segfill.models.bundle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * A bundle's short identity (model contract part 0, item 8): the first 12 hex digits of SHA-256
 * over the sorted list of (relative path, size, SHA-256 of the first and last MiB) of its files.
 * Cheap even for 10 GB bundles, and it changes when any file is replaced, grown or truncated.
 */
public final class BundleId {

  /** Bytes hashed at each end of a file. */
  static final int EDGE = 1 << 20;
  /** Hex digits kept. */
  static final int LENGTH = 12;

  private BundleId() {}

  /** The id of the bundle in {@code dir}; files under {@code engines/} are built from it, not part of it. */
  public static String of(Path dir) {
    MessageDigest all = sha256();
    for (Path file : files(dir)) {
      String relative = dir.relativize(file).toString().replace('\\', '/');
      try {
        long size = Files.size(file);
        String line = relative + "\t" + size + "\t" + edgesHash(file, size) + "\n";
        all.update(line.getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException("bundle " + dir + ": cannot read " + relative, e);
      }
    }
    return HexFormat.of().formatHex(all.digest()).substring(0, LENGTH);
  }

  private static List<Path> files(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> !dir.relativize(p).startsWith("engines"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("bundle " + dir + ": cannot list its files", e);
    }
  }

  private static String edgesHash(Path file, long size) throws IOException {
    MessageDigest digest = sha256();
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      update(digest, channel, 0, Math.min(size, EDGE));
      if (size > EDGE) {
        long tail = Math.max(EDGE, size - EDGE);
        update(digest, channel, tail, size - tail);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static void update(MessageDigest digest, FileChannel channel, long from, long length)
      throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate((int) length);
    while (buffer.hasRemaining()) {
      if (channel.read(buffer, from + buffer.position()) < 0) {
        throw new IOException("file shrank while it was read");
      }
    }
    buffer.flip();
    digest.update(buffer);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
