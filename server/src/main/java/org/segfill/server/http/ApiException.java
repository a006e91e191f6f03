package org.segfill.server.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request the server refuses, carrying everything its RFC 9457 problem document says: the
 * status, a stable problem type, the offending field and extension members such as the allowed
 * range. Route code throws these; {@link ProblemMapper} turns every exception into one.
 */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String type;
  private final String field;
  private final transient Map<String, Object> extensions;
  private final transient Map<String, String> headers;

  private ApiException(int status, String type, String field, String detail,
      Map<String, Object> extensions, Map<String, String> headers) {
    super(detail);
    this.status = status;
    this.type = type;
    this.field = field;
    this.extensions = Map.copyOf(extensions);
    this.headers = Map.copyOf(headers);
  }

  /** A refusal with {@code status}, problem type slug {@code type} and the offending field. */
  public static ApiException of(int status, String type, String field, String detail) {
    return new ApiException(status, type, field, detail, Map.of(), Map.of());
  }

  /** 400: the request cannot be read (not JSON, a missing field, the wrong type). */
  public static ApiException malformed(String field, String detail) {
    return of(400, "malformed", field, detail);
  }

  /** 404: no such id (or it was evicted or expired). */
  public static ApiException notFound(String field, String detail) {
    return of(404, "not-found", field, detail);
  }

  /** 409: the resource exists but is not in a state that allows this. */
  public static ApiException conflict(String type, String field, String detail) {
    return of(409, type, field, detail);
  }

  /** 413: over a size limit, which is named. */
  public static ApiException tooLarge(String field, String detail, long limit) {
    return of(413, "too-large", field, detail).with("limit", limit);
  }

  /** 415: a content type or image format the server does not take. */
  public static ApiException unsupportedMedia(String field, String detail) {
    return of(415, "unsupported-media-type", field, detail);
  }

  /** 422: a well-formed value outside its allowed range. */
  public static ApiException outOfRange(String field, String detail, String allowed) {
    ApiException e = of(422, "out-of-range", field, detail);
    return allowed == null ? e : e.with("allowed", allowed);
  }

  /** 429: a bounded queue is full; retry after {@code seconds}. */
  public static ApiException busy(String type, String detail, long seconds) {
    return of(429, type, null, detail).withHeader("Retry-After", Long.toString(seconds));
  }

  /** 503: not ready yet, or shutting down. */
  public static ApiException unavailable(String type, String detail) {
    return of(503, type, null, detail).withHeader("Retry-After", "5");
  }

  /** A copy with one more extension member in the problem document. */
  public ApiException with(String name, Object value) {
    Map<String, Object> more = new LinkedHashMap<>(extensions);
    more.put(name, value);
    return new ApiException(status, type, field, getMessage(), more, headers);
  }

  /** A copy with one more response header (Retry-After, WWW-Authenticate). */
  public ApiException withHeader(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new ApiException(status, type, field, getMessage(), extensions, more);
  }

  public int status() {
    return status;
  }

  /** The problem type's slug, e.g. {@code too-large}. */
  public String type() {
    return type;
  }

  /** The offending field, or null when the request as a whole is refused. */
  public String field() {
    return field;
  }

  public Map<String, Object> extensions() {
    return extensions;
  }

  public Map<String, String> headers() {
    return headers;
  }
}
