package org.segfill.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/** A real HTTP client for the API tests: java.net.http on HTTP/1.1, JSON helpers. */
final class ApiClient {

  static final ObjectMapper JSON = new ObjectMapper();

  /** A response with its body read. */
  record Resp(int status, HttpHeaders headers, byte[] body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + text(), e);
      }
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    Optional<String> header(String name) {
      return headers.firstValue(name);
    }

    String contentType() {
      return header("Content-Type").orElse("");
    }

    @Override
    public String toString() {
      return status + " " + text();
    }
  }

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();
  private final URI base;
  private final String[] defaultHeaders;

  ApiClient(int port, String... defaultHeaders) {
    this.base = URI.create("http://127.0.0.1:" + port);
    this.defaultHeaders = defaultHeaders;
  }

  URI uri(String path) {
    return base.resolve(path);
  }

  HttpClient http() {
    return http;
  }

  Resp get(String path, String... headers) {
    return send(request(path, headers).GET());
  }

  Resp delete(String path, String... headers) {
    return send(request(path, headers).DELETE());
  }

  Resp post(String path, String contentType, byte[] body, String... headers) {
    HttpRequest.Builder b = request(path, headers)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    return send(b);
  }

  Resp postJson(String path, String json, String... headers) {
    return post(path, "application/json", json.getBytes(StandardCharsets.UTF_8), headers);
  }

  Resp postJson(String path, Object value, String... headers) {
    try {
      return postJson(path, JSON.writeValueAsString(value), headers);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Resp send(HttpRequest.Builder builder) {
    try {
      HttpResponse<byte[]> r = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Resp(r.statusCode(), r.headers(), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  HttpRequest.Builder request(String path, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60));
    for (int i = 0; i + 1 < defaultHeaders.length; i += 2) {
      b.header(defaultHeaders[i], defaultHeaders[i + 1]);
    }
    for (int i = 0; i + 1 < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return b;
  }
}
