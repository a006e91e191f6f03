package org.segfill.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.segfill.server.ApiAsserts.assertProblem;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.segfill.models.testbundle.TwoShapesScene;

/**
 * The bad-input suite: each request gets its exact status and a problem document naming the
 * field, and the server keeps serving after it.
 */
class BadInputApiTest {

  @org.junit.jupiter.api.io.TempDir static Path dir;
  private static SegfillServer server;
  private static ApiClient api;
  private static final TwoShapesScene SCENE = Scenes.SMALL;
  private static String image;
  private static String mask;
  private static String otherMask;

  @BeforeAll
  static void start() {
    server = TestServers.start(dir);
    api = new ApiClient(server.port());
    image = api.post("/v1/images", "image/png", Scenes.png(SCENE)).json().get("id").asText();
    mask = api.post("/v1/masks?image=" + image, "image/png", Scenes.ellipseMaskPng(SCENE))
        .json().get("id").asText();
    TwoShapesScene small = SCENE.scaledTo(64, 48);
    String other = api.post("/v1/images", "image/png", Scenes.png(small)).json().get("id")
        .asText();
    otherMask = api.post("/v1/masks?image=" + other, "image/png", Scenes.ellipseMaskPng(small))
        .json().get("id").asText();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @ParameterizedTest(name = "{0} -> {2} naming {3}")
  @MethodSource("cases")
  void aBadRequestGetsItsStatusAndAProblemNamingTheFieldAndTheServerKeepsServing(
      String what, Supplier<ApiClient.Resp> request, int status, String field) {
    JsonNode problem = assertProblem(request.get(), status, field);
    if (status == 422 && problem.has("allowed")) {
      assertTrue(problem.get("detail").asText().contains(problem.get("allowed").asText()),
          problem::toString);
    }
    assertEquals(200, api.get("/health/ready").status());
    assertEquals(200, api.get("/v1/images/" + image).status());
  }

  static Stream<Arguments> cases() {
    List<Arguments> c = new ArrayList<>();
    // Uploads.
    c.add(of("a truncated JPEG", () -> upload("image/jpeg",
        Fixtures.truncatedJpeg(SCENE.image())), 400, "image"));
    c.add(of("zero bytes", () -> upload("image/png", new byte[0]), 400, "image"));
    c.add(of("a PNG whose header claims 60000x60000", () -> upload("image/png",
        Fixtures.pngClaiming(60000, 60000)), 413, "image"));
    c.add(of("text sent as image/png", () -> upload("image/png",
        utf8("hello, I am not a picture")), 415, "image"));
    c.add(of("a GIF", () -> upload("image/gif", Fixtures.gif()), 415, "image"));
    c.add(of("a PNG sent as text/plain", () -> upload("text/plain", Scenes.png(SCENE)), 415,
        "Content-Type"));
    c.add(of("a multipart form without its file", () -> api.post("/v1/images",
        Multipart.CONTENT_TYPE, Multipart.form(Map.of(), "picture", "a.png", "image/png",
            Scenes.png(SCENE))), 400, "file"));
    c.add(of("a truncated JPEG in a form", () -> api.post("/v1/images", Multipart.CONTENT_TYPE,
        Multipart.form(Map.of(), "file", "a.jpg", "image/jpeg",
            Fixtures.truncatedJpeg(SCENE.image()))), 400, "file"));
    // Segment.
    c.add(of("malformed JSON", () -> segment("{\"points\": ["), 400, "body"));
    c.add(of("JSON sent as text/plain", () -> api.post(segmentPath(), "text/plain",
        utf8("{\"points\":[{\"x\":1,\"y\":1}]}")), 415, "Content-Type"));
    c.add(of("an empty body", () -> api.post(segmentPath(), "application/json", new byte[0]),
        400, "body"));
    c.add(of("no points and no box", () -> segment("{}"), 400, "points"));
    c.add(of("a point without y", () -> segment("{\"points\":[{\"x\":10}]}"), 400,
        "points[0].y"));
    c.add(of("an extra field", () -> segment("{\"points\":[{\"x\":10,\"y\":10}],"
        + "\"colour\":\"red\"}"), 400, "colour"));
    c.add(of("an extra field in a point", () -> segment("{\"points\":[{\"x\":10,\"y\":10,"
        + "\"z\":1}]}"), 400, "points[0].z"));
    c.add(of("a coordinate as a string", () -> segment("{\"points\":[{\"x\":\"10\","
        + "\"y\":10}]}"), 400, "points[0].x"));
    c.add(of("a point right of the image", () -> segment("{\"points\":[{\"x\":320,"
        + "\"y\":10}]}"), 422, "points[0].x"));
    c.add(of("a point above the image", () -> segment("{\"points\":[{\"x\":10,"
        + "\"y\":-1}]}"), 422, "points[0].y"));
    c.add(of("a box with x0 > x1", () -> segment("{\"box\":{\"x0\":50,\"y0\":10,\"x1\":20,"
        + "\"y1\":30}}"), 422, "box.x0"));
    c.add(of("a box outside the image", () -> segment("{\"box\":{\"x0\":0,\"y0\":0,"
        + "\"x1\":400,\"y1\":30}}"), 422, "box.x1"));
    c.add(of("10 000 points", () -> segment(points(10_000)), 422, "points"));
    c.add(of("65 points", () -> segment(points(65)), 422, "points"));
    c.add(of("JSON nested 100 deep", () -> segment("{\"points\":" + "[".repeat(100)
        + "]".repeat(100) + "}"), 400, "body"));
    c.add(of("a previous mask on the classic segmenter", () -> segment("{\"points\":[{\"x\":10,"
        + "\"y\":10}],\"previousMask\":\"" + mask + "\"}"), 422, "previousMask"));
    c.add(of("an unknown image", () -> api.postJson("/v1/images/" + "0".repeat(64)
        + "/segment", "{\"points\":[{\"x\":1,\"y\":1}]}"), 404, "id"));
    c.add(of("an id that is not a hash", () -> api.get("/v1/images/not-a-hash"), 404, "id"));
    // Masks.
    c.add(of("a mask of the wrong size", () -> api.post("/v1/masks?image=" + image,
        "image/png", Scenes.grayPng(SCENE.width() - 1, SCENE.height(), 255)), 422, "file"));
    c.add(of("a mask for an unknown image", () -> api.post("/v1/masks?image=" + "1".repeat(64),
        "image/png", Scenes.ellipseMaskPng(SCENE)), 404, "image"));
    c.add(of("a mask naming no image", () -> api.post("/v1/masks", "image/png",
        Scenes.ellipseMaskPng(SCENE)), 400, "image"));
    c.add(of("an unknown edit op", () -> edit("{\"ops\":[{\"op\":\"blur\"}]}"), 422,
        "ops[0].op"));
    c.add(of("grow by 5000 px", () -> edit("{\"ops\":[{\"op\":\"grow\",\"px\":5000}]}"), 422,
        "ops[0].px"));
    c.add(of("feather by 256 px", () -> edit("{\"ops\":[{\"op\":\"invert\"},{\"op\":\"feather\","
        + "\"px\":256}]}"), 422, "ops[1].px"));
    c.add(of("a speck size of 0", () -> edit("{\"ops\":[{\"op\":\"removeSpecks\","
        + "\"minArea\":0}]}"), 422, "ops[0].minArea"));
    c.add(of("a stroke without radius", () -> edit("{\"ops\":[{\"op\":\"stroke\",\"mode\":"
        + "\"add\",\"points\":[{\"x\":1,\"y\":1}]}]}"), 400, "ops[0].radius"));
    c.add(of("invert given a px", () -> edit("{\"ops\":[{\"op\":\"invert\",\"px\":3}]}"), 400,
        "ops[0].px"));
    c.add(of("no ops", () -> edit("{\"ops\":[]}"), 422, "ops"));
    c.add(of("ops missing", () -> edit("{}"), 400, "ops"));
    c.add(of("editing an unknown mask", () -> api.postJson("/v1/masks/" + "2".repeat(64)
        + "/edit", "{\"ops\":[{\"op\":\"invert\"}]}"), 404, "id"));
    // Jobs.
    c.add(of("a job without image", () -> job(Map.of()), 400, "image"));
    c.add(of("a job without mask", () -> api.postJson("/v1/jobs", Map.of("image", image)), 400,
        "mask"));
    c.add(of("a misspelt field", () -> job(Map.of("strenght", 0.5)), 400, "strenght"));
    c.add(of("steps as a word", () -> job(Map.of("steps", "ten")), 400, "steps"));
    c.add(of("steps as a fraction", () -> job(Map.of("steps", 2.5)), 400, "steps"));
    c.add(of("steps past int range", () -> job(Map.of("steps", 10_000_000_000L)), 422,
        "steps"));
    c.add(of("guidanceScale 25", () -> job(Map.of("guidanceScale", 25)), 422, "guidanceScale"));
    c.add(of("guidanceScale -0.5", () -> job(Map.of("guidanceScale", -0.5)), 422,
        "guidanceScale"));
    c.add(of("steps 0", () -> job(Map.of("steps", 0)), 422, "steps"));
    c.add(of("steps 151", () -> job(Map.of("steps", 151)), 422, "steps"));
    c.add(of("strength 0", () -> job(Map.of("strength", 0)), 422, "strength"));
    c.add(of("strength 1.5", () -> job(Map.of("strength", 1.5)), 422, "strength"));
    c.add(of("one step at strength 0.5", () -> job(Map.of("steps", 1, "strength", 0.5)), 422,
        "strength"));
    c.add(of("seed -1", () -> job(Map.of("seed", -1)), 422, "seed"));
    c.add(of("seed 2^53", () -> job(Map.of("seed", 1L << 53)), 422, "seed"));
    c.add(of("count 0", () -> job(Map.of("count", 0)), 422, "count"));
    c.add(of("count 5", () -> job(Map.of("count", 5)), 422, "count"));
    c.add(of("maskGrow -1", () -> job(Map.of("maskGrow", -1)), 422, "maskGrow"));
    c.add(of("maskGrow 257", () -> job(Map.of("maskGrow", 257)), 422, "maskGrow"));
    c.add(of("maskFeather 256", () -> job(Map.of("maskFeather", 256)), 422, "maskFeather"));
    c.add(of("a prompt of 4001 characters", () -> job(Map.of("prompt", "a".repeat(4001))),
        422, "prompt"));
    c.add(of("an unknown target", () -> job(Map.of("target", "sky")), 422, "target"));
    c.add(of("an unknown sampler", () -> job(Map.of("sampler", "ddim")), 422, "sampler"));
    c.add(of("an unknown region", () -> job(Map.of("region", "half")), 422, "region"));
    c.add(of("a blur of 0", () -> job(Map.of("background", "blur:0")), 422, "background"));
    c.add(of("a background image that does not exist", () -> job(Map.of("background",
        "image:" + "3".repeat(64))), 404, "background"));
    c.add(of("a background with remove", () -> job(Map.of("target", "remove", "background",
        "#000000")), 422, "background"));
    c.add(of("a job on an unknown image", () -> api.postJson("/v1/jobs", Map.of("image",
        "4".repeat(64), "mask", mask)), 404, "image"));
    c.add(of("a job with an unknown mask", () -> api.postJson("/v1/jobs", Map.of("image",
        image, "mask", "5".repeat(64))), 404, "mask"));
    c.add(of("a job with another image's mask size", () -> api.postJson("/v1/jobs",
        Map.of("image", image, "mask", otherMask)), 422, "mask"));
    c.add(of("an unknown job", () -> api.get("/v1/jobs/j" + "0".repeat(32)), 404, "id"));
    c.add(of("cancelling an unknown job", () -> api.delete("/v1/jobs/j" + "0".repeat(32)), 404,
        "id"));
    c.add(of("a result of an unknown job", () -> api.get("/v1/jobs/j" + "0".repeat(32)
        + "/results/0.png"), 404, "id"));
    c.add(of("events of an unknown job", () -> api.get("/v1/jobs/nope/events"), 404, "id"));
    c.add(of("an unknown route", () -> api.get("/v2/models"), 404, null));
    return c.stream();
  }

  private static Arguments of(String what, Supplier<ApiClient.Resp> r, int status,
      String field) {
    return Arguments.of(what, r, status, field);
  }

  private static ApiClient.Resp upload(String type, byte[] body) {
    return api.post("/v1/images", type, body);
  }

  private static String segmentPath() {
    return "/v1/images/" + image + "/segment";
  }

  private static ApiClient.Resp segment(String json) {
    return api.postJson(segmentPath(), json);
  }

  private static ApiClient.Resp edit(String json) {
    return api.postJson("/v1/masks/" + mask + "/edit", json);
  }

  private static ApiClient.Resp job(Map<String, Object> fields) {
    Map<String, Object> body = new HashMap<>(fields);
    body.put("image", image);
    body.put("mask", mask);
    if (fields.isEmpty()) {
      body.remove("image");
    }
    return api.postJson("/v1/jobs", body);
  }

  private static String points(int n) {
    StringBuilder s = new StringBuilder("{\"points\":[");
    for (int i = 0; i < n; i++) {
      s.append(i == 0 ? "" : ",").append("{\"x\":").append(i % 300).append(",\"y\":5}");
    }
    return s.append("]}").toString();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
