package org.segfill.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.segfill.server.ApiAsserts.assertProblem;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Browser-origin protection and token auth: a web page the user has open elsewhere cannot change
 * state here, a rebound DNS name is refused, and with a token every API call needs it.
 */
class SecurityApiTest {

  private static final String TOKEN = "s3cret-token-for-tests-0123456789";
  @TempDir static Path dir;
  private static SegfillServer open;
  private static SegfillServer locked;
  private static ApiClient api;

  @BeforeAll
  static void start() {
    open = TestServers.start(dir.resolve("open"));
    locked = TestServers.start(dir.resolve("locked"), Setting.TOKEN, TOKEN);
    api = new ApiClient(open.port());
  }

  @AfterAll
  static void stop() {
    open.close();
    locked.close();
  }

  @Test
  void anUploadFromAForeignOriginIsRefused() {
    assertProblem(api.post("/v1/images", "image/png", Scenes.png(Scenes.SMALL), "Origin",
        "https://evil.example"), 403, "Origin");
    assertProblem(api.post("/v1/images", "image/png", Scenes.png(Scenes.SMALL), "Origin",
        "null"), 403, "Origin");
    assertProblem(api.post("/v1/images", "image/png", Scenes.png(Scenes.SMALL), "Origin",
        "http://127.0.0.1:" + (open.port() + 1)), 403, "Origin");
    assertProblem(api.delete("/v1/jobs/j" + "0".repeat(32), "Origin", "https://evil.example"),
        403, "Origin");
  }

  @Test
  void aCrossSiteFetchIsRefusedEvenWithoutAnOrigin() {
    assertProblem(api.post("/v1/images", "image/png", Scenes.png(Scenes.SMALL),
        "Sec-Fetch-Site", "cross-site"), 403, "Sec-Fetch-Site");
  }

  @Test
  void anUploadFromTheServersOwnOriginIsAccepted() {
    ApiClient.Resp r = api.post("/v1/images", "image/png", Scenes.png(Scenes.SMALL), "Origin",
        "http://127.0.0.1:" + open.port(), "Sec-Fetch-Site", "same-origin");
    assertEquals(201, r.status(), r::toString);
    assertTrue(r.header("Access-Control-Allow-Origin").isEmpty());
  }

  @Test
  void aReadFromAForeignOriginGetsNoCorsHeaders() {
    ApiClient.Resp r = api.get("/v1/engines", "Origin", "https://evil.example");
    assertEquals(200, r.status());
    assertTrue(r.header("Access-Control-Allow-Origin").isEmpty());
    assertTrue(r.header("Access-Control-Allow-Credentials").isEmpty());
  }

  @Test
  void aHostOutsideTheAllowlistIsRefusedAsDnsRebinding() {
    RawHttp.Reply rebound = RawHttp.send(open.port(), "GET /v1/engines HTTP/1.1\r\n"
        + "Host: attacker.example:" + open.port() + "\r\nConnection: close");
    assertEquals(403, rebound.status(), rebound::text);
    assertTrue(rebound.text().contains("\"field\":\"Host\""), rebound::text);
    RawHttp.Reply local = RawHttp.send(open.port(), "GET /v1/engines HTTP/1.1\r\n"
        + "Host: localhost:" + open.port() + "\r\nConnection: close");
    assertEquals(200, local.status(), local::text);
  }

  @Test
  void withATokenEveryApiCallNeedsItButHealthAndThePageDoNot() {
    ApiClient anonymous = new ApiClient(locked.port());
    ApiClient.Resp missing = anonymous.get("/v1/engines");
    assertProblem(missing, 401, "Authorization");
    assertEquals("Bearer", missing.header("WWW-Authenticate").orElseThrow());
    assertProblem(anonymous.get("/v1/engines", "Authorization", "Bearer wrong-token"), 401,
        "Authorization");
    assertProblem(anonymous.get("/metrics"), 401, "Authorization");
    assertProblem(anonymous.post("/v1/images", "image/png", Scenes.png(Scenes.SMALL)), 401,
        "Authorization");
    assertEquals(200, anonymous.get("/health/live").status());
    assertEquals(200, anonymous.get("/health/ready").status());
    assertEquals(200, anonymous.get("/").status());

    ApiClient withToken = new ApiClient(locked.port(), "Authorization", "Bearer " + TOKEN);
    assertEquals(200, withToken.get("/v1/engines").status());
    assertEquals(201, withToken.post("/v1/images", "image/png", Scenes.png(Scenes.SMALL))
        .status());
  }

  @Test
  void apiResponsesCarryNosniffAndTheContentSecurityPolicy() {
    ApiClient.Resp r = api.get("/v1/engines");
    assertEquals("nosniff", r.header("X-Content-Type-Options").orElseThrow());
    assertEquals("default-src 'self'; frame-ancestors 'none'",
        r.header("Content-Security-Policy").orElseThrow());
    ApiClient.Resp problem = api.get("/v1/images/nope");
    assertEquals("nosniff", problem.header("X-Content-Type-Options").orElseThrow());
  }
}
