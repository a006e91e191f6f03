package org.segfill.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.segfill.models.testbundle.TestBundles;
import org.segfill.models.testbundle.TwoShapesScene;

/**
 * Click-to-mask over HTTP with a tiny SAM bundle; each layout runs these tests through a
 * subclass, which adds what only its layout does (box, refinement).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SamApiContract {

  static final TwoShapesScene SCENE = Scenes.SMALL;
  Path dir;
  SegfillServer server;
  ApiClient api;

  /** The bundle folder under the root {@code TestBundles.writeSam} fills. */
  abstract String layoutFolder();

  @BeforeAll
  void start() throws IOException {
    dir = Files.createTempDirectory("segfill-sam-api");
    Path bundles = TestBundles.writeSam(dir.resolve("bundles"));
    server = TestServers.start(dir.resolve("results"), Setting.SAM,
        bundles.resolve(layoutFolder()));
    api = new ApiClient(server.port());
  }

  @AfterAll
  void stop() {
    server.close();
  }

  String upload(TwoShapesScene scene) {
    ApiClient.Resp r = api.post("/v1/images", "image/png", Scenes.png(scene));
    assertEquals(201, r.status(), r::toString);
    return r.json().get("id").asText();
  }

  JsonNode click(String image, double x, double y, Object... extra) {
    Map<String, Object> body = new java.util.HashMap<>();
    body.put("points", List.of(Map.of("x", x, "y", y, "positive", true)));
    for (int i = 0; i < extra.length; i += 2) {
      body.put((String) extra[i], extra[i + 1]);
    }
    ApiClient.Resp r = api.postJson("/v1/images/" + image + "/segment", body);
    assertEquals(200, r.status(), r::toString);
    return r.json();
  }

  byte[] maskOf(JsonNode mask) {
    return Scenes.maskPixels(api.get(mask.get("url").asText()).body());
  }

  @Test
  void aClickInsideTheEllipseReturnsThreeCandidatesAndTheBestCoversIt() {
    String image = upload(SCENE);
    double[] c = SCENE.ellipseClick();
    JsonNode r = click(image, c[0], c[1]);
    assertEquals("sam", r.get("engine").asText());
    assertEquals(3, r.get("masks").size(), r::toString);
    JsonNode best = r.get("masks").get(r.get("bestIndex").asInt());
    assertEquals(r.get("best").asText(), best.get("id").asText());
    double bestScore = best.get("score").asDouble();
    r.get("masks").forEach(m -> assertTrue(m.get("score").asDouble() <= bestScore));
    double iou = TwoShapesScene.iou(maskOf(best), SCENE.ellipseMask());
    assertTrue(iou >= 0.9, "IoU " + iou);
    JsonNode t = r.get("timings");
    assertTrue(t.has("embed") && t.has("decoder") && t.has("postprocess"), t::toString);
  }

  @Test
  void theUploadPrecomputesTheEmbeddingSoTheFirstClickFindsItReady() {
    long before = embeddings();
    String image = upload(SCENE.scaledTo(300, 178));
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (System.nanoTime() < deadline && embeddings() == before) {
      ApiAsserts.sleep(10);
    }
    double[] c = SCENE.scaledTo(300, 178).ellipseClick();
    JsonNode r = click(image, c[0], c[1]);
    assertTrue(r.get("embeddingCached").asBoolean(), r::toString);
  }

  private long embeddings() {
    for (String line : api.get("/metrics").text().split("\n")) {
      if (line.startsWith("segfill_embedding_cache_entries ")) {
        return Long.parseLong(line.substring(line.indexOf(' ') + 1));
      }
    }
    throw new AssertionError("no segfill_embedding_cache_entries in /metrics");
  }

  @Test
  void anEditedMaskCannotRefineAClick() {
    String image = upload(SCENE);
    double[] c = SCENE.ellipseClick();
    String best = click(image, c[0], c[1]).get("best").asText();
    String edited = api.postJson("/v1/masks/" + best + "/edit", "{\"ops\":[{\"op\":\"grow\","
        + "\"px\":2}]}").json().get("id").asText();
    ApiClient.Resp r = api.postJson("/v1/images/" + image + "/segment", Map.of("points",
        List.of(Map.of("x", c[0], "y", c[1])), "previousMask", edited));
    assertTrue(r.status() == 409 || r.status() == 422, r::toString);
    assertEquals("previousMask", r.json().get("field").asText());
  }

  @Test
  void clickLatencyOverHttpIsMeasured() {
    String image = upload(SCENE);
    double[] c = SCENE.ellipseClick();
    click(image, c[0], c[1]);
    List<Double> ms = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      long start = System.nanoTime();
      click(image, c[0] + (i % 5), c[1]);
      ms.add((System.nanoTime() - start) / 1e6);
    }
    Collections.sort(ms);
    double p50 = ms.get(ms.size() / 2);
    double p99 = ms.get(ms.size() - 1);
    System.out.printf("click over HTTP, %s, %dx%d, tiny SAM: p50 %.1f ms, max %.1f ms%n",
        layoutFolder(), SCENE.width(), SCENE.height(), p50, p99);
    assertTrue(p50 < 1000, "p50 " + p50 + " ms");
  }
}
