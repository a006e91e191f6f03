package org.segfill.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.segfill.server.ApiAsserts.assertProblem;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The body limits hold on every path, before the body is in memory: a declared length over the
 * limit, a chunked body without a length, multipart forms; exactly the limit is accepted.
 */
class BodyLimitTest {

  private static final int JSON_LIMIT = 256;
  @TempDir static Path dir;
  private static SegfillServer server;
  private static ApiClient api;
  private static byte[] png;
  private static String image;

  @BeforeAll
  static void start() {
    png = Scenes.png(Scenes.SMALL);
    server = TestServers.start(dir, Setting.MAX_UPLOAD_BYTES, png.length,
        Setting.MAX_JSON_BYTES, JSON_LIMIT);
    api = new ApiClient(server.port());
    image = api.post("/v1/images", "image/png", png).json().get("id").asText();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void anUploadOfExactlyTheLimitIsAccepted() {
    ApiClient.Resp r = api.post("/v1/images", "image/png", png);
    assertEquals(201, r.status(), r::toString);
  }

  @Test
  void anUploadOneByteOverTheLimitIsRefusedNamingTheLimit() {
    JsonNode p = assertProblem(api.post("/v1/images", "image/png", plusOne(png)), 413, "body");
    assertEquals(png.length, p.get("limit").asLong());
  }

  @Test
  void aChunkedUploadWithoutALengthIsCountedAndRefusedAtTheLimitPlusOne() {
    assertProblem(chunked("/v1/images", "image/png", plusOne(png)), 413, "body");
    assertEquals(201, chunked("/v1/images", "image/png", png).status());
  }

  @Test
  void aDeclaredLengthOverTheLimitIsRefusedWithoutWaitingForTheBody() {
    RawHttp.Reply reply = RawHttp.send(server.port(), "POST /v1/images HTTP/1.1\r\n"
        + "Host: 127.0.0.1:" + server.port() + "\r\nContent-Type: image/png\r\n"
        + "Content-Length: 1000000000");
    assertEquals(413, reply.status(), reply::text);
    assertTrue(reply.text().contains("application/problem+json"), reply::text);
  }

  @Test
  void aMultipartFileOverTheLimitIsRefused() {
    byte[] form = Multipart.form(Map.of(), "file", "a.png", "image/png", plusOne(png));
    assertProblem(api.post("/v1/images", Multipart.CONTENT_TYPE, form), 413, "file");
  }

  @Test
  void aStreamedMultipartBodyOverTheLimitIsRefusedWhileItIsRead() {
    byte[] junk = new byte[png.length + 80 * 1024];
    Arrays.fill(junk, (byte) 'x');
    byte[] form = Multipart.form(Map.of("padding", new String(junk, StandardCharsets.UTF_8)),
        "file", "a.png", "image/png", png);
    assertProblem(chunked("/v1/images", Multipart.CONTENT_TYPE, form), 413, "body");
  }

  @Test
  void aMultipartUploadWithinTheLimitIsAccepted() {
    byte[] form = Multipart.form(Map.of(), "file", "a.png", "image/png", png);
    assertEquals(201, api.post("/v1/images", Multipart.CONTENT_TYPE, form).status());
  }

  @Test
  void aJsonBodyOfExactlyTheLimitIsReadAndOneByteMoreIsRefused() {
    String json = "{\"points\":[{\"x\":10,\"y\":10}]}";
    String exact = json + " ".repeat(JSON_LIMIT - json.length());
    ApiClient.Resp ok = api.postJson("/v1/images/" + image + "/segment", exact);
    assertEquals(200, ok.status(), ok::toString);
    assertProblem(api.postJson("/v1/images/" + image + "/segment", exact + " "), 413, "body");
    assertProblem(chunked("/v1/images/" + image + "/segment", "application/json",
        (exact + " ").getBytes(StandardCharsets.UTF_8)), 413, "body");
  }

  private static ApiClient.Resp chunked(String path, String type, byte[] body) {
    // ofInputStream has no known length, so the client sends Transfer-Encoding: chunked.
    return api.send(api.request(path, "Content-Type", type)
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));
  }

  private static byte[] plusOne(byte[] bytes) {
    return Arrays.copyOf(bytes, bytes.length + 1);
  }
}
