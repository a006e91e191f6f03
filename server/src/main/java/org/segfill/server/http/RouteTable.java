package org.segfill.server.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.List;

/**
 * The server's one list of routes. It registers them with Javalin and is what the OpenAPI test
 * compares {@code /openapi.json} against, so the document cannot list a route that does not
 * exist or miss one that does. Each handler is wrapped to record its template for metrics.
 */
public final class RouteTable {

  /** The request attribute holding the matched route template. */
  public static final String ROUTE_ATTRIBUTE = "segfill.route";

  private final List<Route> routes = new ArrayList<>();

  /** Adds every route of {@code group}. */
  public RouteTable add(List<Route> group) {
    for (Route r : group) {
      boolean duplicate = routes.stream()
          .anyMatch(x -> x.method().equals(r.method()) && x.path().equals(r.path()));
      if (duplicate) {
        throw new IllegalArgumentException("route " + r.method() + " " + r.path()
            + " is registered twice");
      }
      routes.add(r);
    }
    return this;
  }

  /** Every route, in registration order. */
  public List<Route> routes() {
    return List.copyOf(routes);
  }

  /** Registers every route with Javalin. */
  public void register(RoutesConfig config) {
    for (Route r : routes) {
      config.addHttpHandler(type(r.method()), r.path(), (Context ctx) -> {
        ctx.attribute(ROUTE_ATTRIBUTE, r.path());
        r.handler().handle(ctx);
      });
    }
  }

  private static HandlerType type(String method) {
    return switch (method) {
      case "GET" -> HandlerType.GET;
      case "POST" -> HandlerType.POST;
      case "DELETE" -> HandlerType.DELETE;
      default -> throw new IllegalArgumentException("unsupported method " + method);
    };
  }
}
