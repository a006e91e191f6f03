package org.segfill.server.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Runs before every request: sets the security headers, then refuses a {@code Host} outside the
 * allowlist (403, DNS rebinding), a state-changing request from a foreign {@code Origin} or a
 * cross-site fetch (403, CSRF from any web page the user has open), an API request without the
 * configured bearer token (401; health probes, the page and {@code /openapi.json} stay open),
 * and new work while shutting down (503). No CORS header is ever sent.
 */
public final class RequestGuard implements Handler {

  /** The page's and every response's Content-Security-Policy. */
  public static final String CSP = "default-src 'self'; frame-ancestors 'none'";

  private static final Set<String> STATE_CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");

  private final HostAllowlist hosts;
  private final byte[] token;
  private final BooleanSupplier draining;

  /** A guard for {@code hosts}, with {@code token} (or null) and a shutdown flag. */
  public RequestGuard(HostAllowlist hosts, String token, BooleanSupplier draining) {
    this.hosts = hosts;
    this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
    this.draining = draining;
  }

  @Override
  public void handle(Context ctx) {
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Content-Security-Policy", CSP);
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("Cross-Origin-Resource-Policy", "same-origin");
    String path = ctx.path();
    if (path.startsWith("/v1/")) {
      ctx.header("Cache-Control", "no-store");
    }
    String host = ctx.header("Host");
    if (!hosts.allows(host)) {
      throw ApiException.of(403, "forbidden-host", "Host", "Host: '" + host + "' is not a name"
          + " this server answers to; add it with --allow-host if it is yours");
    }
    String method = ctx.req().getMethod().toUpperCase(Locale.ROOT);
    if (STATE_CHANGING.contains(method)) {
      checkOrigin(ctx, host);
    }
    if (token != null && needsToken(path) && !hasToken(ctx.header("Authorization"))) {
      throw ApiException.of(401, "unauthorized", "Authorization", "Authorization: a bearer"
          + " token is required (Authorization: Bearer <token>)")
          .withHeader("WWW-Authenticate", "Bearer");
    }
    if (method.equals("POST") && draining.getAsBoolean()) {
      throw ApiException.unavailable("shutting-down", "the server is shutting down and takes"
          + " no new work");
    }
  }

  private static void checkOrigin(Context ctx, String host) {
    String site = ctx.header("Sec-Fetch-Site");
    if (site != null && site.equalsIgnoreCase("cross-site")) {
      throw crossOrigin("Sec-Fetch-Site", "Sec-Fetch-Site: cross-site requests may not change"
          + " state");
    }
    String origin = ctx.header("Origin");
    if (origin == null) {
      return;
    }
    if (!sameAuthority(origin, host)) {
      throw crossOrigin("Origin", "Origin: '" + origin + "' is not this server's own origin;"
          + " requests that change state must come from the page this server serves");
    }
  }

  private static boolean sameAuthority(String origin, String host) {
    try {
      URI uri = new URI(origin);
      if (uri.getHost() == null || uri.getScheme() == null) {
        return false;
      }
      int defaultPort = uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
      int port = uri.getPort() >= 0 ? uri.getPort() : defaultPort;
      String originHost = uri.getHost().toLowerCase(Locale.ROOT).replace("[", "")
          .replace("]", "");
      String hostName = HostAllowlist.hostOf(host.trim()).toLowerCase(Locale.ROOT);
      int hostPort = HostAllowlist.portOf(host.trim(), defaultPort);
      return originHost.equals(hostName) && port == hostPort;
    } catch (URISyntaxException | NumberFormatException e) {
      return false;
    }
  }

  private static ApiException crossOrigin(String field, String detail) {
    return ApiException.of(403, "cross-origin", field, detail);
  }

  private static boolean needsToken(String path) {
    return path.startsWith("/v1/") || path.equals("/metrics");
  }

  private boolean hasToken(String header) {
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    byte[] given = header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
    // Constant time, so the token cannot be found byte by byte from response times.
    return MessageDigest.isEqual(given, token);
  }
}
