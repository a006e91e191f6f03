package org.segfill.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.segfill.server.ApiAsserts.assertProblem;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.segfill.models.testbundle.TestBundles;

/** The hf layout: points only; a box or a previous mask is refused with 422. */
class SamHfApiTest extends SamApiContract {

  @Override
  String layoutFolder() {
    return TestBundles.SAM_HF;
  }

  @Test
  void theEnginesSayTheHfLayoutHasNoBoxAndNoRefinement() {
    JsonNode s = api.get("/v1/engines").json().get("segmenter");
    assertEquals("hf", s.get("layout").asText());
    assertFalse(s.get("box").asBoolean());
    assertFalse(s.get("previousMask").asBoolean());
  }

  @Test
  void aBoxIsRefusedNamingTheBox() {
    String image = upload(SCENE);
    assertProblem(api.postJson("/v1/images/" + image + "/segment", Map.of("box",
        Map.of("x0", 1, "y0", 1, "x1", 50, "y1", 50))), 422, "box");
  }

  @Test
  void aPreviousMaskIsRefusedNamingIt() {
    String image = upload(SCENE);
    double[] c = SCENE.ellipseClick();
    String best = click(image, c[0], c[1]).get("best").asText();
    assertProblem(api.postJson("/v1/images/" + image + "/segment", Map.of("points",
        List.of(Map.of("x", c[0], "y", c[1])), "previousMask", best)), 422, "previousMask");
  }
}
