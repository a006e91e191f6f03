package org.segfill.server.api;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.segfill.server.ServerConfig;
import org.segfill.server.engine.BackendChoice;
import org.segfill.server.engine.EngineLoader;
import org.segfill.server.engine.Readiness;
import org.segfill.server.http.ApiException;
import org.segfill.server.http.Responses;
import org.segfill.server.http.Route;
import org.segfill.server.metrics.Metrics;

/**
 * {@code /v1/engines}, {@code /health/live}, {@code /health/ready}, {@code /metrics} and
 * {@code /openapi.json}.
 */
public final class SystemRoutes {

  /** Classpath resource of the hand-written OpenAPI 3.1 document. */
  public static final String OPENAPI_RESOURCE = "/segfill/openapi.json";

  private final Readiness readiness;
  private final Metrics metrics;
  private final BooleanSupplier draining;
  private final ServerConfig config;
  private final byte[] openApi;

  /** Routes reporting on {@code readiness} and {@code metrics}. */
  public SystemRoutes(Readiness readiness, Metrics metrics, BooleanSupplier draining,
      ServerConfig config) {
    this.readiness = readiness;
    this.metrics = metrics;
    this.draining = draining;
    this.config = config;
    this.openApi = resource(OPENAPI_RESOURCE);
  }

  /** The routes of this group. */
  public List<Route> routes() {
    return List.of(Route.get("/v1/engines", this::engines),
        Route.get("/health/live", this::live),
        Route.get("/health/ready", this::ready),
        Route.get("/metrics", this::metrics),
        Route.get("/openapi.json", this::openApi));
  }

  private void engines(Context ctx) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("state", readiness.state().name().toLowerCase(java.util.Locale.ROOT));
    readiness.failure().ifPresent(f -> json.put("failure", f));
    readiness.engines().ifPresentOrElse(e -> json.putAll(e.describe()), () -> {
      BackendChoice b = EngineLoader.backend(config);
      json.put("segmenter", Map.of("engine", config.sam() == null ? "classic" : "sam"));
      json.put("inpainter", Map.of("engine", config.sdxl() == null ? "classic" : "sdxl"));
      json.put("backend", Map.of("requested", b.requested(), "selected", b.selected(),
          "reason", b.reason()));
      json.put("device", b.device());
    });
    Responses.json(ctx, 200, json);
  }

  private void live(Context ctx) {
    readiness.deviceLost().ifPresent(reason -> {
      throw ApiException.unavailable("device-lost", "not live: " + reason);
    });
    Responses.json(ctx, 200, Map.of("status", "live"));
  }

  private void ready(Context ctx) {
    if (draining.getAsBoolean()) {
      throw ApiException.unavailable("shutting-down", "the server is shutting down");
    }
    readiness.require();
    Responses.json(ctx, 200, Map.of("status", "ready"));
  }

  private void metrics(Context ctx) {
    ctx.status(200).contentType(Metrics.CONTENT_TYPE).result(metrics.scrape());
  }

  private void openApi(Context ctx) {
    ctx.status(200).contentType("application/json").result(openApi);
  }

  private static byte[] resource(String name) {
    try (InputStream in = SystemRoutes.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from the classpath");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
