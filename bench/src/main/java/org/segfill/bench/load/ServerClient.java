package org.segfill.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** The few segfill API calls the load generator makes, over one shared HTTP/1.1 client. */
final class ServerClient {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final String base;
  private final String token;
  private final HttpClient http = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10))
      .build();

  /** A client of the server at {@code base}, e.g. http://127.0.0.1:7070; token may be null. */
  ServerClient(String base, String token) {
    this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    this.token = token;
  }

  String base() {
    return base;
  }

  /** Uploads a PNG photo; returns its id. */
  String uploadImage(byte[] png) {
    return send(request("/v1/images").header("Content-Type", "image/png")
        .POST(HttpRequest.BodyPublishers.ofByteArray(png)), 201).get("id").asText();
  }

  /** Uploads a gray PNG mask for {@code image}; returns its id. */
  String uploadMask(String image, byte[] png) {
    return send(request("/v1/masks?image=" + image).header("Content-Type", "image/png")
        .POST(HttpRequest.BodyPublishers.ofByteArray(png)), 201).get("id").asText();
  }

  /** One click; returns the HTTP status (200 when a mask came back). */
  int segment(String image, String body) throws IOException, InterruptedException {
    HttpRequest r = request("/v1/images/" + image + "/segment")
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    return http.send(r, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  /** Submits a generation job; returns its id. */
  String submitJob(Map<String, Object> job) {
    try {
      return send(request("/v1/jobs").header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(job))), 202)
          .get("id").asText();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A job's state: queued, running, done, failed or cancelled. */
  String jobState(String job) {
    return send(request("/v1/jobs/" + job).GET(), 200).get("state").asText();
  }

  /** Cancels a job; a job that already finished is left as it is. */
  void cancel(String job) {
    try {
      http.send(request("/v1/jobs/" + job).DELETE().build(),
          HttpResponse.BodyHandlers.discarding());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT);
    if (token != null && !token.isEmpty()) {
      b.header("Authorization", "Bearer " + token);
    }
    return b;
  }

  private JsonNode send(HttpRequest.Builder request, int expected) {
    try {
      HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != expected) {
        throw new IllegalStateException(r.request().method() + " " + r.request().uri()
            + ": expected " + expected + ", got " + r.statusCode() + ": " + r.body());
      }
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
