package org.segfill.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.segfill.server.ApiAsserts.assertProblem;
import static org.segfill.server.ApiAsserts.awaitJob;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segfill.engine.image.PngText;
import org.segfill.engine.image.RgbImage;
import org.segfill.models.testbundle.TwoShapesScene;

/** Every route's happy path with no bundle configured: the classic engines serve. */
class ClassicEnginesApiTest {

  @TempDir static Path dir;
  private static SegfillServer server;
  private static ApiClient api;
  private static final TwoShapesScene SCENE = Scenes.SMALL;
  private static String imageId;

  @BeforeAll
  static void start() {
    server = TestServers.start(dir);
    api = new ApiClient(server.port());
    ApiClient.Resp up = api.post("/v1/images", "image/png", Scenes.png(SCENE));
    assertEquals(201, up.status(), up::toString);
    imageId = up.json().get("id").asText();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void anUploadedPhotoIsServedBackAsOurOwnPngWithItsPixels() {
    ApiClient.Resp r = api.get("/v1/images/" + imageId);
    assertEquals(200, r.status());
    assertEquals("image/png", r.contentType());
    assertEquals("nosniff", r.header("X-Content-Type-Options").orElseThrow());
    RgbImage back = Scenes.decode(r.body());
    assertArrayEquals(SCENE.image().rgb(), back.rgb());
  }

  @Test
  void aReUploadIsRecognisedByContentAndKeepsItsId() {
    JsonNode again = api.post("/v1/images", "application/octet-stream", Scenes.png(SCENE))
        .json();
    assertEquals(imageId, again.get("id").asText());
    assertTrue(again.get("reused").asBoolean());
    byte[] form = Multipart.form(Map.of(), "file", "../../etc/passwd.png", "image/png",
        Scenes.png(SCENE));
    ApiClient.Resp multipart = api.post("/v1/images", Multipart.CONTENT_TYPE, form);
    assertEquals(201, multipart.status(), multipart::toString);
    assertEquals(imageId, multipart.json().get("id").asText());
    assertEquals(SCENE.width(), multipart.json().get("width").asInt());
    assertEquals(SCENE.height(), multipart.json().get("height").asInt());
  }

  @Test
  void aClickInsideTheEllipseSelectsItWithAnIouOfAtLeastNinetyPercent() {
    double[] click = SCENE.ellipseClick();
    ApiClient.Resp r = api.postJson("/v1/images/" + imageId + "/segment",
        Map.of("points", List.of(Map.of("x", click[0], "y", click[1], "positive", true))));
    assertEquals(200, r.status(), r::toString);
    JsonNode json = r.json();
    assertEquals("classic", json.get("engine").asText());
    assertEquals(1, json.get("masks").size());
    JsonNode best = json.get("masks").get(0);
    assertEquals(json.get("best").asText(), best.get("id").asText());
    assertTrue(best.get("score").isNull(), "GrabCut has no confidence");
    byte[] mask = Scenes.maskPixels(api.get(best.get("url").asText()).body());
    double iou = TwoShapesScene.iou(mask, SCENE.ellipseMask());
    assertTrue(iou >= 0.9, "IoU " + iou);
    assertEquals(best.get("area").asLong(), countSelected(mask));
  }

  @Test
  void anUploadedMaskIsStoredAndServedAsAGrayPng() {
    ApiClient.Resp r = api.post("/v1/masks?image=" + imageId, "image/png",
        Scenes.ellipseMaskPng(SCENE));
    assertEquals(201, r.status(), r::toString);
    assertEquals("uploaded", r.json().get("origin").asText());
    byte[] back = Scenes.maskPixels(api.get(r.json().get("url").asText()).body());
    assertArrayEquals(SCENE.ellipseMask(), back);

    byte[] form = Multipart.form(Map.of("image", imageId), "file", "mask.png", "image/png",
        Scenes.ellipseMaskPng(SCENE));
    ApiClient.Resp viaForm = api.post("/v1/masks", Multipart.CONTENT_TYPE, form);
    assertEquals(201, viaForm.status(), viaForm::toString);
    assertEquals(r.json().get("id").asText(), viaForm.json().get("id").asText());
  }

  @Test
  void editsMakeANewMaskAndLeaveTheOriginal() {
    String id = uploadEllipseMask();
    long pixels = (long) SCENE.width() * SCENE.height();
    long area = countSelected(SCENE.ellipseMask());
    ApiClient.Resp inverted = api.postJson("/v1/masks/" + id + "/edit",
        "{\"ops\":[{\"op\":\"invert\"}]}");
    assertEquals(201, inverted.status(), inverted::toString);
    assertEquals("edited", inverted.json().get("origin").asText());
    assertEquals(pixels - area, inverted.json().get("area").asLong());
    assertNotEquals(id, inverted.json().get("id").asText());

    ApiClient.Resp grown = api.postJson("/v1/masks/" + id + "/edit", "{\"ops\":["
        + "{\"op\":\"grow\",\"px\":3},{\"op\":\"fillHoles\"},{\"op\":\"removeSpecks\","
        + "\"minArea\":20},{\"op\":\"stroke\",\"mode\":\"erase\",\"radius\":4,\"points\":"
        + "[{\"x\":10,\"y\":10},{\"x\":30,\"y\":10}]},{\"op\":\"shrink\",\"px\":1},"
        + "{\"op\":\"feather\",\"px\":2}]}");
    assertEquals(201, grown.status(), grown::toString);
    assertTrue(grown.json().get("area").asLong() > area * 0.9);
    byte[] original = Scenes.maskPixels(api.get("/v1/masks/" + id + ".png").body());
    assertArrayEquals(SCENE.ellipseMask(), original);
  }

  @Test
  void aBackgroundJobCompositesAndItsResultCarriesTheRecipe() throws Exception {
    String mask = uploadEllipseMask();
    ApiClient.Resp created = api.postJson("/v1/jobs", Map.of("image", imageId, "mask", mask,
        "background", "#00ff00", "seed", 42));
    assertEquals(202, created.status(), created::toString);
    String id = created.json().get("id").asText();
    assertEquals("/v1/jobs/" + id, created.header("Location").orElseThrow());
    assertEquals(42, created.json().get("request").get("seed").asLong());

    JsonNode job = awaitJob(api, id, Duration.ofSeconds(30));
    assertEquals("succeeded", job.get("state").asText(), job::toString);
    assertEquals(1, job.get("results").size(), "the classic engine makes one variant");
    assertTrue(job.get("warnings").get(0).asText().contains("no SDXL bundle"));
    JsonNode result = job.get("results").get(0);
    ApiClient.Resp png = api.get(result.get("url").asText());
    assertEquals(200, png.status());
    Map<String, String> text = PngText.read(png.body());
    assertTrue(text.containsKey("segfill-recipe"), text::toString);
    JsonNode recipe = ApiClient.JSON.readTree(text.get("segfill-recipe"));
    assertEquals("classic", recipe.get("engine").asText());
    assertEquals("#00ff00", result.get("recipe").get("fill").asText());

    RgbImage out = Scenes.decode(png.body());
    RgbImage in = SCENE.image();
    byte[] ellipse = SCENE.ellipseMask();
    int far = -1;
    for (int i = 0; i < ellipse.length && far < 0; i++) {
      int x = i % SCENE.width();
      int y = i / SCENE.width();
      if (!SCENE.inEllipse(x, y) && !SCENE.inRectangle(x, y) && x > 300 && y < 20) {
        far = i;
      }
    }
    assertEquals(0, out.rgb()[far * 3] & 0xff, "background replaced by green");
    assertEquals(255, out.rgb()[far * 3 + 1] & 0xff);
    int inside = (int) (SCENE.ex() + (int) SCENE.ey() * SCENE.width());
    assertEquals(in.rgb()[inside * 3], out.rgb()[inside * 3], "the subject keeps its pixels");

    List<EventStream.Event> events;
    try (EventStream es = EventStream.open(api, id)) {
      assertEquals(200, es.status());
      assertTrue(es.contentType().startsWith("text/event-stream"));
      events = es.all();
    }
    assertEquals(List.of("result", "done"), events.stream().map(EventStream.Event::name)
        .toList(), "a late subscriber gets the results and the end");

    JsonNode listed = api.get("/v1/jobs").json().get("jobs");
    assertTrue(listed.findValuesAsText("id").contains(id), listed::toString);
    ApiClient.Resp missing = api.get("/v1/jobs/" + id + "/results/1.png");
    assertProblem(missing, 404, "k");
  }

  @Test
  void removeFillsTheSelectionWithoutSdxl() {
    String mask = uploadEllipseMask();
    String id = api.postJson("/v1/jobs", Map.of("image", imageId, "mask", mask, "target",
        "remove")).json().get("id").asText();
    JsonNode job = awaitJob(api, id, Duration.ofSeconds(30));
    assertEquals("succeeded", job.get("state").asText(), job::toString);
    assertEquals("remove", job.get("results").get(0).get("recipe").get("target").asText());
  }

  @Test
  void aSubjectWithoutSdxlOrBackgroundIsRefusedNamingTheTarget() {
    String mask = uploadEllipseMask();
    JsonNode p = assertProblem(api.postJson("/v1/jobs", Map.of("image", imageId, "mask", mask,
        "target", "subject")), 422, "target");
    assertTrue(p.get("detail").asText().contains("SDXL"), p::toString);
  }

  @Test
  void theEnginesSayClassicAndWhichBackendWasPicked() {
    JsonNode e = api.get("/v1/engines").json();
    assertEquals("ready", e.get("state").asText());
    assertEquals("classic", e.get("segmenter").get("engine").asText());
    assertEquals("classic", e.get("inpainter").get("engine").asText());
    assertFalse(e.get("inpainter").get("generates").asBoolean());
    assertEquals("auto", e.get("backend").get("requested").asText());
    assertEquals("ort-cpu", e.get("backend").get("selected").asText());
    assertTrue(e.get("backend").get("reason").asText().startsWith("auto:"));
    assertEquals("cpu", e.get("device").asText());
  }

  @Test
  void healthProbesAnswerLiveAndReady() {
    assertEquals(200, api.get("/health/live").status());
    assertEquals("ready", api.get("/health/ready").json().get("status").asText());
  }

  @Test
  void thePageIsServedWithItsSecurityHeadersAndNoCors() {
    ApiClient.Resp page = api.get("/", "Origin", "https://evil.example");
    assertEquals(200, page.status());
    assertTrue(page.contentType().startsWith("text/html"), page.contentType());
    assertTrue(page.text().contains("segfill"));
    assertEquals("default-src 'self'; frame-ancestors 'none'",
        page.header("Content-Security-Policy").orElseThrow());
    assertEquals("nosniff", page.header("X-Content-Type-Options").orElseThrow());
    assertTrue(page.header("Access-Control-Allow-Origin").isEmpty());
    ApiClient.Resp preflight = api.send(api.request("/v1/images", "Origin",
        "https://evil.example", "Access-Control-Request-Method", "POST")
        .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody()));
    assertTrue(preflight.header("Access-Control-Allow-Origin").isEmpty(), preflight::toString);
    assertTrue(preflight.status() >= 400, preflight::toString);
  }

  @Test
  void metricsCountRequestsPerRouteTemplateAndExposeQueueDepth() {
    api.get("/v1/images/" + imageId);
    api.get("/v1/images/" + "f".repeat(64));
    String text = api.get("/metrics").text();
    assertTrue(text.contains("segfill_http_requests_total{method=\"GET\","
        + "route=\"/v1/images/{id}\",status=\"200\"}"), text);
    assertTrue(text.contains("segfill_http_requests_total{method=\"GET\","
        + "route=\"/v1/images/{id}\",status=\"404\"}"), text);
    assertTrue(text.contains("segfill_http_request_duration_seconds_bucket{method=\"GET\","
        + "route=\"/v1/images/{id}\",le=\"+Inf\"}"), text);
    assertTrue(text.contains("# TYPE segfill_jobs_queued gauge\nsegfill_jobs_queued 0"), text);
    assertTrue(text.contains("segfill_jobs_running "), text);
    assertTrue(text.contains("segfill_stage_duration_seconds_count{stage=\"classic_segment\"}")
        || text.contains("segfill_stage_duration_seconds_count{stage=\"job_run\"}"), text);
    assertFalse(text.contains(imageId), "route templates, not raw paths, label the metrics");
  }

  private static String uploadEllipseMask() {
    ApiClient.Resp r = api.post("/v1/masks?image=" + imageId, "image/png",
        Scenes.ellipseMaskPng(SCENE));
    assertEquals(201, r.status(), r::toString);
    return r.json().get("id").asText();
  }

  private static long countSelected(byte[] mask) {
    long n = 0;
    for (byte b : mask) {
      n += b == (byte) 255 ? 1 : 0;
    }
    return n;
  }
}
