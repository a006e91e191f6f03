package org.segfill.models.testbundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.segfill.engine.backend.GraphContract;
import org.segfill.engine.backend.Session;
import org.segfill.engine.backend.TensorSpec;
import org.segfill.engine.sdxl.SdxlContracts;
import org.segfill.models.onnx.proto.OnnxSubset.ModelProto;
import org.segfill.models.onnx.proto.OnnxSubset.TensorProto;

/** The tiny SDXL bundle has the Optimum layout, the real configs and the real interfaces. */
class TinySdxlBundleTest {

  private static final long MAX_FILE_BYTES = 5L << 20;
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void hasTheOptimumLayout() throws IOException {
    Path bundle = SdxlBundleFixture.bundle();
    List<String> expected = new ArrayList<>(List.of("model_index.json",
        "scheduler/scheduler_config.json", "unet/model.onnx_data"));
    for (String tokenizer : List.of("tokenizer", "tokenizer_2")) {
      for (String file : List.of("vocab.json", "merges.txt", "special_tokens_map.json",
          "tokenizer_config.json")) {
        expected.add(tokenizer + "/" + file);
      }
    }
    for (String graph : List.of("text_encoder", "text_encoder_2", "unet", "vae_encoder",
        "vae_decoder")) {
      expected.add(graph + "/model.onnx");
      expected.add(graph + "/config.json");
    }
    List<String> found;
    try (Stream<Path> files = Files.walk(bundle)) {
      found = files.filter(Files::isRegularFile)
          .map(p -> bundle.relativize(p).toString().replace('\\', '/')).sorted().toList();
    }
    assertEquals(expected.stream().sorted().toList(), found);
  }

  @Test
  void everyFileIsSmall() throws IOException {
    try (Stream<Path> files = Files.walk(SdxlBundleFixture.bundle())) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        assertTrue(Files.size(file) < MAX_FILE_BYTES, file + ": " + Files.size(file) + " bytes");
      }
    }
  }

  @Test
  void everyGraphFitsItsContract() {
    for (GraphContract contract : SdxlContracts.all()) {
      try (Session session = SdxlBundleFixture.open(Path.of(contract.file()).getParent()
          .toString())) {
        assertEquals(List.of(), contract.problems(session.inputs(), session.outputs()));
      }
    }
  }

  @Test
  void textEncodersDeclareEveryOutputOfTheRealExportInOrder() {
    List<String> clipL = new ArrayList<>(List.of("last_hidden_state", "pooler_output"));
    clipL.addAll(SdxlContracts.hiddenStateNames(SdxlContracts.TEXT_LAYERS));
    assertOutputs("text_encoder", clipL, SdxlContracts.TEXT_HIDDEN);
    List<String> bigG = new ArrayList<>(List.of("text_embeds", "last_hidden_state"));
    bigG.addAll(SdxlContracts.hiddenStateNames(SdxlContracts.TEXT_2_LAYERS));
    assertOutputs("text_encoder_2", bigG, SdxlContracts.TEXT_2_HIDDEN);
  }

  @Test
  void unetWeightsAreExternalData() throws IOException {
    Path unet = SdxlBundleFixture.bundle().resolve("unet");
    ModelProto model = ModelProto.parseFrom(Files.readAllBytes(unet.resolve("model.onnx")));
    long external = model.getGraph().getInitializerList().stream()
        .filter(t -> t.getDataLocation() == TensorProto.DataLocation.EXTERNAL).count();
    // The log-sigma table and the colour projection.
    assertEquals(2, external);
    long tableAndProjection = 4L * (1000 + TinySdxl.COLOUR_FEATURES * 4);
    assertEquals(tableAndProjection, Files.size(unet.resolve("model.onnx_data")));
  }

  @Test
  void pipelineAndSchedulerConfigsHaveTheCheckpointValues() throws IOException {
    JsonNode index = read("model_index.json");
    assertEquals("StableDiffusionXLInpaintPipeline", index.get("_class_name").asText());
    assertTrue(index.get("force_zeros_for_empty_prompt").asBoolean());
    assertFalse(index.get("requires_aesthetics_score").asBoolean());
    for (String component : List.of("scheduler", "text_encoder", "text_encoder_2", "tokenizer",
        "tokenizer_2", "unet", "vae")) {
      assertEquals(2, index.get(component).size(), component);
    }
    assertEquals("EulerDiscreteScheduler", index.get("scheduler").get(1).asText());

    JsonNode scheduler = read("scheduler/scheduler_config.json");
    assertEquals("EulerDiscreteScheduler", scheduler.get("_class_name").asText());
    assertEquals(1000, scheduler.get("num_train_timesteps").asInt());
    assertEquals(0.00085, scheduler.get("beta_start").asDouble());
    assertEquals(0.012, scheduler.get("beta_end").asDouble());
    assertEquals("scaled_linear", scheduler.get("beta_schedule").asText());
    assertEquals("epsilon", scheduler.get("prediction_type").asText());
    assertEquals("linear", scheduler.get("interpolation_type").asText());
    assertEquals("leading", scheduler.get("timestep_spacing").asText());
    assertEquals(1, scheduler.get("steps_offset").asInt());
    assertFalse(scheduler.get("use_karras_sigmas").asBoolean());
    assertTrue(scheduler.get("trained_betas").isNull());
  }

  @Test
  void componentConfigsHaveTheRealSizes() throws IOException {
    JsonNode clipL = read("text_encoder/config.json");
    assertEquals(768, clipL.get("hidden_size").asInt());
    assertEquals(12, clipL.get("num_hidden_layers").asInt());
    assertEquals(2, clipL.get("eos_token_id").asInt());
    JsonNode bigG = read("text_encoder_2/config.json");
    assertEquals(1280, bigG.get("hidden_size").asInt());
    assertEquals(32, bigG.get("num_hidden_layers").asInt());
    assertEquals(1280, bigG.get("projection_dim").asInt());
    assertEquals(2, bigG.get("eos_token_id").asInt());
    JsonNode unet = read("unet/config.json");
    assertEquals(9, unet.get("in_channels").asInt());
    assertEquals(4, unet.get("out_channels").asInt());
    assertEquals(2048, unet.get("cross_attention_dim").asInt());
    assertEquals(2816, unet.get("projection_class_embeddings_input_dim").asInt());
    for (String vae : List.of("vae_encoder", "vae_decoder")) {
      JsonNode config = read(vae + "/config.json");
      assertEquals("0.13025", config.get("scaling_factor").asText(), vae);
      assertFalse(config.get("force_upcast").asBoolean(), vae);
      assertEquals(4, config.get("latent_channels").asInt(), vae);
      assertEquals(4, config.get("block_out_channels").size(), vae);
    }
  }

  private static void assertOutputs(String component, List<String> names, int width) {
    try (Session session = SdxlBundleFixture.open(component)) {
      assertEquals(names, session.outputs().stream().map(TensorSpec::name).toList(), component);
      for (TensorSpec output : session.outputs()) {
        long[] shape = output.shape();
        assertEquals(width, shape[shape.length - 1], component + " " + output);
      }
    }
  }

  private static JsonNode read(String file) throws IOException {
    return JSON.readTree(SdxlBundleFixture.bundle().resolve(file).toFile());
  }
}
