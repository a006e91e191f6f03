package org.segfill.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.segfill.engine.backend.BackendKind;

/**
 * The one configuration of {@code segfill serve}, merged from defaults, a JSON file,
 * environment variables and flags by {@link ConfigLoader}. Messages name the key.
 *
 * @param bind address to listen on (127.0.0.1 by default)
 * @param port TCP port; 0 picks a free one
 * @param sam a SAM bundle directory, or null for the classic GrabCut segmenter
 * @param sdxl an SDXL inpainting bundle directory, or null for the classic inpainter
 * @param backend {@code auto}, {@code tensorrt}, {@code ort-cuda} or {@code ort-cpu}
 * @param results directory that keeps result PNGs and recipes across restarts
 * @param token bearer token every API request must carry, or null for none
 * @param allowedHosts extra {@code Host} names accepted besides loopback and the bind address
 * @param limits every bound the server enforces
 */
public record ServerConfig(
    String bind,
    int port,
    Path sam,
    Path sdxl,
    String backend,
    Path results,
    String token,
    List<String> allowedHosts,
    ServerLimits limits) {

  /** Shortest accepted token: shorter ones are guessable. */
  public static final int MIN_TOKEN_LENGTH = 16;

  /** Backends accepted by {@code --backend}. */
  public static final List<String> BACKENDS = BackendKind.choices();

  /** Checks every field; refuses to listen beyond loopback without a token. */
  public ServerConfig {
    if (bind == null || bind.isBlank()) {
      throw new IllegalArgumentException("bind must be an address, e.g. 127.0.0.1");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be in [0, 65535], got " + port);
    }
    Objects.requireNonNull(backend, "backend");
    if (!BACKENDS.contains(backend)) {
      throw new IllegalArgumentException("backend must be one of " + BACKENDS + ", got '"
          + backend + "'");
    }
    Objects.requireNonNull(results, "results");
    if (token != null && token.length() < MIN_TOKEN_LENGTH) {
      throw new IllegalArgumentException("token must be at least " + MIN_TOKEN_LENGTH
          + " characters, got " + token.length());
    }
    allowedHosts = List.copyOf(allowedHosts);
    Objects.requireNonNull(limits, "limits");
    if (token == null && !isLoopback(bind)) {
      throw new IllegalArgumentException("token is required to bind " + bind + ": beyond"
          + " loopback anyone who can reach this address could upload images and run jobs;"
          + " set --token (or SEGFILL_TOKEN), or bind 127.0.0.1");
    }
  }

  /** Defaults with the given results directory: loopback on port 7070, classic engines. */
  public static ServerConfig defaults(Path results) {
    return new ServerConfig("127.0.0.1", 7070, null, null, "auto", results, null, List.of(),
        ServerLimits.defaults());
  }

  /** This configuration with other limits (tests and embedders tune one bound at a time). */
  public ServerConfig withLimits(ServerLimits newLimits) {
    return new ServerConfig(bind, port, sam, sdxl, backend, results, token, allowedHosts,
        newLimits);
  }

  /** Whether {@code address} is a loopback address (names are resolved). */
  public static boolean isLoopback(String address) {
    try {
      return InetAddress.getByName(address).isLoopbackAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("bind: cannot resolve '" + address + "'", e);
    }
  }
}
