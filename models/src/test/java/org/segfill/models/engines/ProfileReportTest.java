package org.segfill.models.engines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segfill.engine.sdxl.SdxlBuckets;
import org.segfill.models.testbundle.TestBundles;

/** {@code build-engines --print-profiles} on the tiny bundles, read back as JSON. */
class ProfileReportTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path root;
  static Path sam;
  static Path sdxl;

  @BeforeAll
  static void writeBundles() throws IOException {
    sam = TestBundles.writeSam(root.resolve("sam")).resolve(TestBundles.SAM_ONNX);
    sdxl = TestBundles.writeSdxl(root.resolve("sdxl"));
  }

  @Test
  void eachSdxlGraphGetsOneLineWithItsTypingProfilesAndLimits() throws IOException {
    List<JsonNode> graphs = parse(ProfileReport.lines(sdxl, null));
    assertEquals(List.of("text_encoder/model.onnx", "text_encoder_2/model.onnx",
        "unet/model.onnx", "vae_encoder/model.onnx", "vae_decoder/model.onnx"),
        graphs.stream().map(g -> g.get("source").asText()).toList());
    JsonNode unet = graphs.get(2);
    assertEquals("unet.plan", unet.get("plan").asText());
    assertEquals("weak", unet.get("typing").asText(), "the tiny bundle is fp32");
    assertEquals("fp16", unet.get("precision").asText());
    assertEquals(List.of("wide", "landscape", "square", "portrait", "tall"),
        names(unet.get("profiles")));
    JsonNode landscape = unet.get("profiles").get(1);
    assertEquals(1, landscape.get("index").asInt());
    JsonNode sample = landscape.get("inputs").get("sample");
    assertEquals("[1,9,88,144]", sample.get("min").toString());
    assertEquals("[6,9,104,160]", sample.get("opt").toString());
    assertEquals("[8,9,112,200]", sample.get("max").toString());
    assertEquals("[8,77,2048]", landscape.get("inputs").get("encoder_hidden_states")
        .get("max").toString());
    JsonNode admits = landscape.get("admits");
    assertEquals(8, admits.get("batch").asLong());
    assertEquals("1600x896", admits.get("image").asText());
    assertEquals(1_433_600, admits.get("pixelArea").asLong());
    assertEquals(22_400, admits.get("latentArea").asLong());
    assertEquals(1.25, admits.get("vsLargestBucket").asDouble());
    assertEquals(16, admits.get("buckets").asInt());

    JsonNode encoder = graphs.get(3).get("profiles").get(2);
    assertEquals("[1,3,1152,1152]", encoder.get("inputs").get("sample").get("max").toString());
    assertEquals(1, encoder.get("admits").get("batch").asLong());
    assertEquals(1, graphs.get(4).get("profiles").get(0).get("admits").get("batch").asLong());
    JsonNode text = graphs.get(0).get("profiles").get(0);
    assertEquals("[1,77]", text.get("inputs").get("input_ids").get("max").toString());
    assertEquals(1, text.get("admits").get("batch").asLong());
    assertFalse(text.get("admits").has("image"));
  }

  @Test
  void aStaticSizeShowsOneProfileWithTheImageAxesFixed() throws IOException {
    List<JsonNode> graphs = parse(ProfileReport.lines(sdxl, new SdxlBuckets.Size(1024, 1024)));
    for (JsonNode g : graphs.subList(2, 5)) {
      assertEquals(List.of("static 1024x1024"), names(g.get("profiles")), g.toString());
      JsonNode admits = g.get("profiles").get(0).get("admits");
      assertEquals("1024x1024", admits.get("image").asText());
      assertEquals(1, admits.get("buckets").asInt());
      assertEquals(0.914, admits.get("vsLargestBucket").asDouble());
    }
    JsonNode sample = graphs.get(2).get("profiles").get(0).get("inputs").get("sample");
    assertEquals("[1,9,128,128]", sample.get("min").toString());
    assertEquals("[8,9,128,128]", sample.get("max").toString());
  }

  @Test
  void aSamBundleListsItsTwoPlans() throws IOException {
    List<JsonNode> graphs = parse(ProfileReport.lines(sam, null));
    assertEquals(List.of("sam_encoder.plan", "sam_decoder.plan"),
        graphs.stream().map(g -> g.get("plan").asText()).toList());
    JsonNode decoder = graphs.get(1).get("profiles").get(0);
    assertEquals("[1,66,2]", decoder.get("inputs").get("point_coords").get("max").toString());
    assertEquals(1, decoder.get("admits").get("batch").asLong());
  }

  @Test
  void aFolderThatIsNoBundleOrAStaticSamBuildIsRefused() throws IOException {
    Path empty = Files.createDirectories(root.resolve("empty"));
    IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
        () -> ProfileReport.lines(empty, null));
    assertTrue(none.getMessage().startsWith("--bundle: " + empty + " is no SDXL bundle (it has"
        + " neither model_index.json nor unet/) and no SAM bundle (sam: " + empty
        + " holds no SAM bundle; expected encoder.onnx + decoder.onnx"), none.getMessage());
    IllegalArgumentException staticSam = assertThrows(IllegalArgumentException.class,
        () -> ProfileReport.lines(sam, new SdxlBuckets.Size(1024, 1024)));
    assertTrue(staticSam.getMessage().startsWith("--static 1024x1024: only SDXL plans"),
        staticSam.getMessage());
  }

  private static List<JsonNode> parse(List<String> lines) throws IOException {
    List<JsonNode> nodes = new ArrayList<>();
    for (String line : lines) {
      assertFalse(line.contains("\n"), "one line per graph");
      nodes.add(JSON.readTree(line));
    }
    return nodes;
  }

  private static List<String> names(JsonNode profiles) {
    List<String> names = new ArrayList<>();
    profiles.forEach(p -> names.add(p.get("name").asText()));
    return names;
  }
}
