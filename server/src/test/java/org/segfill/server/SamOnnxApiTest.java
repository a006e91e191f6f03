package org.segfill.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.segfill.server.ApiAsserts.assertProblem;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.segfill.models.testbundle.TestBundles;
import org.segfill.models.testbundle.TwoShapesScene;

/** The sam-onnx layout: points, a box, and refinement from a previous SAM mask. */
class SamOnnxApiTest extends SamApiContract {

  @Override
  String layoutFolder() {
    return TestBundles.SAM_ONNX;
  }

  @Test
  void theEnginesNameTheLayoutAndWhatItSupports() {
    JsonNode s = api.get("/v1/engines").json().get("segmenter");
    assertEquals("sam", s.get("engine").asText());
    assertEquals("sam-onnx", s.get("layout").asText());
    assertTrue(s.get("box").asBoolean());
    assertTrue(s.get("previousMask").asBoolean());
  }

  @Test
  void autoPicksTheBestAvailableBackendForTheBundleAndSaysWhy() {
    JsonNode b = api.get("/v1/engines").json().get("backend");
    assertEquals("auto", b.get("requested").asText());
    String reason = b.get("reason").asText();
    if (b.get("selected").asText().equals("ort-cpu")) {
      // No GPU backend here (or no engines built for this bundle): each one passed over says why.
      assertTrue(reason.startsWith("auto: ort-cpu (ONNX Runtime on the CPU), the best available;"
          + " tensorrt unavailable ("), reason);
      assertTrue(reason.contains("; ort-cuda unavailable ("), reason);
    }
  }

  @Test
  void aSecondClickRefinesTheFirstWithItsLogits() {
    String image = upload(SCENE);
    double[] c = SCENE.ellipseClick();
    JsonNode first = click(image, c[0], c[1]);
    JsonNode second = api.postJson("/v1/images/" + image + "/segment", Map.of("points",
        List.of(Map.of("x", c[0], "y", c[1]), Map.of("x", SCENE.ex(), "y", SCENE.ey())),
        "previousMask", first.get("best").asText())).json();
    assertEquals(1, second.get("masks").size(), "later clicks get the single-mask output");
    double iou = TwoShapesScene.iou(maskOf(second.get("masks").get(0)), SCENE.ellipseMask());
    assertTrue(iou >= 0.9, "IoU " + iou);
  }

  @Test
  void aBoxAroundTheRectangleSelectsIt() {
    String image = upload(SCENE);
    JsonNode r = api.postJson("/v1/images/" + image + "/segment", Map.of("box", Map.of(
        "x0", SCENE.rx0() - 4, "y0", SCENE.ry0() - 4, "x1", SCENE.rx1() + 3,
        "y1", Math.min(SCENE.height(), SCENE.ry1() + 3)))).json();
    byte[] mask = maskOf(r.get("masks").get(r.get("bestIndex").asInt()));
    double iou = TwoShapesScene.iou(mask, SCENE.rectangleMask());
    assertTrue(iou >= 0.8, "IoU " + iou);
  }

  @Test
  void aMaskOfAnotherImageCannotRefineAClick() {
    String image = upload(SCENE);
    String other = upload(SCENE.scaledTo(200, 119));
    double[] c = SCENE.ellipseClick();
    String best = click(image, c[0], c[1]).get("best").asText();
    assertProblem(api.postJson("/v1/images/" + other + "/segment", Map.of("points",
        List.of(Map.of("x", 10, "y", 10)), "previousMask", best)), 409, "previousMask");
    String uploaded = api.post("/v1/masks?image=" + image, "image/png",
        Scenes.ellipseMaskPng(SCENE)).json().get("id").asText();
    assertNotEquals(best, uploaded);
    assertProblem(api.postJson("/v1/images/" + image + "/segment", Map.of("points",
        List.of(Map.of("x", 10, "y", 10)), "previousMask", uploaded)), 409, "previousMask");
  }
}
