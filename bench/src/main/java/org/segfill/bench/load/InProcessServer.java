package org.segfill.bench.load;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.segfill.server.ConfigLoader;
import org.segfill.server.SegfillServer;
import org.segfill.server.Setting;
import org.segfill.server.engine.Readiness;

/**
 * A segfill server started in this JVM on a free loopback port, for the load benchmark when no
 * URL is given. It runs two generation jobs at once, so "2 generations" means two running.
 * Note that the load generator's clients then share this JVM and its cores with the server.
 */
public final class InProcessServer implements AutoCloseable {

  private final SegfillServer server;

  private InProcessServer(SegfillServer server) {
    this.server = server;
  }

  /**
   * Starts a server on the given bundles, writing results under {@code results}, and waits
   * until its engines are ready.
   *
   * @throws IllegalStateException when the engines fail to load, with the reason
   */
  public static InProcessServer start(Path sam, Path sdxl, String backend, Path results)
      throws InterruptedException {
    Map<Setting, String> s = new EnumMap<>(Setting.class);
    s.put(Setting.PORT, "0");
    s.put(Setting.SAM, sam.toString());
    s.put(Setting.SDXL, sdxl.toString());
    s.put(Setting.BACKEND, backend);
    s.put(Setting.RESULTS, results.toString());
    s.put(Setting.CONCURRENT_JOBS, "2");
    s.put(Setting.SHUTDOWN_GRACE_SECONDS, "0");
    SegfillServer server = SegfillServer.start(ConfigLoader.load(s, Map.of()));
    try {
      Readiness.State state = server.awaitEngines(Duration.ofMinutes(5));
      if (state != Readiness.State.READY) {
        throw new IllegalStateException("the in-process server's engines did not load: "
            + server.engineFailure().orElse("still loading after 5 minutes"));
      }
    } catch (InterruptedException | RuntimeException e) {
      server.close();
      throw e;
    }
    return new InProcessServer(server);
  }

  /** The base URL, e.g. http://127.0.0.1:41234. */
  public String url() {
    return "http://127.0.0.1:" + server.port();
  }

  @Override
  public void close() {
    server.close();
  }
}
