package org.segfill.engine.backend.tensorrt;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Model-file trust (reliability.md H1, H2): a plan or graph is read only if its real path (every
 * symlink resolved) lies inside one of the configured roots, and a plan only if its bytes hash to
 * the manifest's SHA-256 ({@link PlanFiles#readTrusted}; TensorRT's getEngineValidity is no
 * tamper check). Deserialising a TensorRT plan runs code from it, so both checks come before any
 * byte reaches TensorRT.
 */
public final class TrustedFiles {

  private TrustedFiles() {}

  /**
   * The real path of {@code file}, after checking it is a regular file inside one of
   * {@code roots} (compared as real paths, so neither {@code ..} nor a symlink can escape).
   *
   * @param what names the file in messages, e.g. "plan"
   * @throws IllegalArgumentException for a missing file or one outside every root
   */
  public static Path requireInside(List<Path> roots, Path file, String what) {
    if (roots.isEmpty()) {
      throw new IllegalArgumentException(what + " " + file + ": no trusted directory configured");
    }
    Path real;
    try {
      real = file.toRealPath();
    } catch (IOException e) {
      throw new IllegalArgumentException(what + " " + file + ": missing or unreadable", e);
    }
    // Containment first: a path outside every root is refused as such, whatever it names.
    boolean inside = false;
    for (Path root : roots) {
      try {
        inside |= real.startsWith(root.toRealPath());
      } catch (IOException e) {
        // A root that does not exist contains nothing.
      }
    }
    if (!inside) {
      throw new IllegalArgumentException(what + " " + file + " resolves to " + real
          + ", outside the configured bundle directories " + roots + "; refused");
    }
    if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
      throw new IllegalArgumentException(what + " " + file + ": not a regular file");
    }
    return real;
  }

  /**
   * Resolves an ONNX external-data {@code location} against the graph's folder, refusing
   * absolute paths and any result outside {@code roots} (onnx/onnx #3991, CVE-2025-51480).
   */
  public static Path externalData(List<Path> roots, Path graph, String location) {
    if (location.isEmpty() || Path.of(location).isAbsolute() || location.startsWith("/")
        || location.contains("\\") || location.indexOf(':') >= 0) {
      throw new IllegalArgumentException("graph " + graph + ": external data location '"
          + location + "' must be a relative path inside the bundle; refused");
    }
    Path parent = graph.toAbsolutePath().getParent();
    return requireInside(roots, parent.resolve(location).normalize(),
        "external data '" + location + "' of " + graph);
  }

  /** Hex SHA-256 of a file's bytes. */
  public static String sha256(Path file) {
    MessageDigest digest = sha256Digest();
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot hash " + file, e);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** Hex SHA-256 of bytes. */
  public static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(sha256Digest().digest(bytes));
  }

  /** A fresh SHA-256 digest (every Java platform has one). */
  static MessageDigest sha256Digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
