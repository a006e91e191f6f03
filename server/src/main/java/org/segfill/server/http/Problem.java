package org.segfill.server.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An RFC 9457 problem document: {@code type}, {@code title}, {@code status}, {@code detail},
 * segfill's {@code field} and any extension members (e.g. {@code allowed}, {@code limit}).
 */
public record Problem(String type, String title, int status, String detail, String field,
    Map<String, Object> extensions) {

  /** The media type of every error response. */
  public static final String MEDIA_TYPE = "application/problem+json";

  /** Problem type URIs are this prefix plus a slug, e.g. {@code urn:segfill:problem:too-large}. */
  public static final String TYPE_PREFIX = "urn:segfill:problem:";

  /** The problem an {@link ApiException} describes. */
  public static Problem of(ApiException e) {
    return new Problem(TYPE_PREFIX + e.type(), title(e.status()), e.status(), e.getMessage(),
        e.field(), e.extensions());
  }

  /** The document as JSON-ready members, in RFC order; absent members are left out. */
  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("type", type);
    json.put("title", title);
    json.put("status", status);
    json.put("detail", detail);
    if (field != null) {
      json.put("field", field);
    }
    json.putAll(extensions);
    return json;
  }

  /** The reason phrase of {@code status}. */
  public static String title(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 409 -> "Conflict";
      case 413 -> "Content Too Large";
      case 415 -> "Unsupported Media Type";
      case 422 -> "Unprocessable Content";
      case 429 -> "Too Many Requests";
      case 500 -> "Internal Server Error";
      case 503 -> "Service Unavailable";
      default -> "HTTP " + status;
    };
  }
}
