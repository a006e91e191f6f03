package org.segfill.server.http;

import io.javalin.http.Handler;
import java.util.Objects;

/**
 * One HTTP route: method, path template in Javalin's syntax (which is also OpenAPI's, e.g.
 * {@code /v1/masks/{id}.png}) and handler.
 *
 * @param method GET, POST or DELETE
 * @param path the path template
 * @param handler what answers it
 */
public record Route(String method, String path, Handler handler) {

  /** Checks the method and the template. */
  public Route {
    if (!java.util.Set.of("GET", "POST", "DELETE").contains(method)) {
      throw new IllegalArgumentException("method must be GET, POST or DELETE, got " + method);
    }
    if (path == null || !path.startsWith("/")) {
      throw new IllegalArgumentException("path must start with '/', got " + path);
    }
    Objects.requireNonNull(handler, "handler");
  }

  /** A GET route. */
  public static Route get(String path, Handler handler) {
    return new Route("GET", path, handler);
  }

  /** A POST route. */
  public static Route post(String path, Handler handler) {
    return new Route("POST", path, handler);
  }

  /** A DELETE route. */
  public static Route delete(String path, Handler handler) {
    return new Route("DELETE", path, handler);
  }
}
