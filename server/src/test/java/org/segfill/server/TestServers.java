package org.segfill.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.segfill.server.engine.Readiness;

/** Starts servers for tests: loopback, a free port, the given settings, engines awaited. */
final class TestServers {

  private TestServers() {}

  /** Settings as key/value pairs, e.g. {@code Setting.SAM, dir}. */
  static Map<Setting, String> settings(Path results, Object... pairs) {
    Map<Setting, String> s = new EnumMap<>(Setting.class);
    s.put(Setting.PORT, "0");
    s.put(Setting.RESULTS, results.toString());
    s.put(Setting.SHUTDOWN_GRACE_SECONDS, "0");
    for (int i = 0; i < pairs.length; i += 2) {
      s.put((Setting) pairs[i], String.valueOf(pairs[i + 1]));
    }
    return s;
  }

  /** A started server with ready engines. */
  static SegfillServer start(Path results, Object... pairs) {
    ServerConfig config = ConfigLoader.load(settings(results, pairs), Map.of());
    SegfillServer server = SegfillServer.start(config);
    try {
      Readiness.State state = server.awaitEngines(Duration.ofSeconds(120));
      assertEquals(Readiness.State.READY, state, () -> "engines: "
          + server.engineFailure().orElse("still loading"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return server;
  }
}
