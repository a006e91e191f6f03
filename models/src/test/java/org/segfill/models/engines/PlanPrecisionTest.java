package org.segfill.models.engines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segfill.engine.backend.DType;
import org.segfill.engine.backend.tensorrt.EngineManifest;
import org.segfill.engine.backend.tensorrt.PlanTyping;
import org.segfill.models.onnx.OnnxFloatTypes;
import org.segfill.models.onnx.OnnxGraphBuilder;
import org.segfill.models.testbundle.TestBundles;

/**
 * How each plan is typed, decided from the ONNX files alone (no TensorRT call): fp32 exports
 * build weakly typed with kFP16, fp16 exports strongly typed as exported, an fp32 VAE that is
 * not fp16-safe strongly typed in fp32, bf16 weights behind fp32 I/O strongly typed as exported,
 * and an fp16 VAE that is not fp16-safe, or a graph with bf16 inputs or outputs, is refused
 * naming the file before any GPU is looked for.
 */
class PlanPrecisionTest {

  private static final GraphPlan MAY_RUN_FP16 = plan(true);
  private static final GraphPlan MUST_STAY_FP32 = plan(false);

  @TempDir Path root;

  @Test
  void theTinyFp32BundlesBuildWeaklyTypedWithKfp16() throws IOException {
    Path sam = TestBundles.writeSam(root.resolve("sam")).resolve(TestBundles.SAM_ONNX);
    Path sdxl = TestBundles.writeSdxl(root.resolve("sdxl"));
    for (Path bundle : List.of(sam, sdxl)) {
      for (BuildEngines.Prepared p : BuildEngines.prepare(bundle)) {
        String what = p.job().plan().plan();
        assertEquals(PlanTyping.WEAK, p.precision().typing(), what);
        assertEquals("fp16", p.precision().precision(), what);
        assertTrue(p.precision().why().contains("an fp16 export, optimum-cli --dtype fp16,"
            + " would build strongly typed"), p.precision().why());
        assertEquals(p.job().source().toRealPath(), p.files().get(0), what);
      }
    }
  }

  @Test
  void anFp32VaeThatIsNotFp16SafeBuildsStronglyTypedInFp32() throws IOException {
    Path sdxl = TestBundles.writeSdxl(root);
    setForceUpcast(sdxl, true);
    for (BuildEngines.Prepared p : BuildEngines.prepare(sdxl)) {
      boolean vae = p.job().plan().plan().startsWith("vae_");
      assertEquals(vae ? PlanTyping.STRONG : PlanTyping.WEAK, p.precision().typing(),
          p.job().plan().plan());
      assertEquals(vae ? "tf32" : "fp16", p.precision().precision(), p.job().plan().plan());
    }
  }

  @Test
  void anFp16GraphBuildsStronglyTyped() {
    PlanPrecision p = decide(Fp16Graphs.allFp16(), MAY_RUN_FP16);
    assertEquals(new PlanPrecision(PlanTyping.STRONG, "fp16",
        "strongly typed, keeping the export's fp16 types"), p);
  }

  @Test
  void fp16WeightsBehindFp32InputsAlsoBuildStronglyTyped() {
    assertEquals(PlanTyping.STRONG, decide(Fp16Graphs.fp16WeightsFp32Io(), MAY_RUN_FP16)
        .typing());
    assertEquals(Set.of(DType.FLOAT32, DType.FLOAT16),
        OnnxFloatTypes.of(Fp16Graphs.fp16WeightsFp32Io().build()).types());
  }

  @Test
  void bf16WeightsBehindFp32IoBuildStronglyTypedEvenWhereFp16IsNotAllowed() {
    // bf16 has fp32's exponent range, which is what the SDXL VAE's activations need (B9). A
    // strongly typed build keeps the graph's fp32 I/O and its Cast of the bf16 weights.
    OnnxFloatTypes types = OnnxFloatTypes.of(Bf16Graphs.bf16WeightsFp32Io().build());
    assertEquals(Set.of(DType.FLOAT32, DType.BFLOAT16), types.types());
    assertEquals(List.of(), types.bf16Inputs());
    assertEquals(List.of(), types.bf16Outputs());
    PlanPrecision p = decide(Bf16Graphs.bf16WeightsFp32Io(), MUST_STAY_FP32);
    assertEquals(new PlanPrecision(PlanTyping.STRONG, "bf16",
        "strongly typed, keeping the export's bf16 types"), p);
  }

  @Test
  void aGraphWithBf16InputsAndOutputsIsRefusedNamingTheFileTheTensorsAndTheFix() {
    Path file = root.resolve("unet/model.onnx");
    OnnxFloatTypes types = OnnxFloatTypes.of(Bf16Graphs.bf16Io().build());
    assertEquals(List.of("x"), types.bf16Inputs());
    assertEquals(List.of("y"), types.bf16Outputs());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PlanPrecision.decide(file, MAY_RUN_FP16, types));
    assertTrue(e.getMessage().startsWith(file + ": input 'x' and output 'y' are bfloat16."),
        e.getMessage());
    assertTrue(e.getMessage().contains("Export the graph with fp16 or fp32 inputs and outputs"),
        e.getMessage());
    assertTrue(e.getMessage().contains("bf16 weights inside the graph are fine"),
        e.getMessage());
  }

  @Test
  void aBf16OutputAloneIsRefusedToo() {
    Path file = root.resolve("text_encoder/model.onnx");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PlanPrecision.decide(file, MUST_STAY_FP32,
            OnnxFloatTypes.of(Bf16Graphs.bf16Output().build())));
    assertTrue(e.getMessage().startsWith(file + ": output 'y' is bfloat16."), e.getMessage());
  }

  @Test
  void buildEnginesRefusesABf16IoGraphBeforeLookingForAGpu() throws IOException {
    Path sdxl = TestBundles.writeSdxl(root);
    Path decoder = Bf16Graphs.vaeDecoder(sdxl.resolve("vae_decoder/model.onnx"));
    setForceUpcast(sdxl, false);
    // Without the refusal, this machine would fail later, at the GPU check, with
    // BackendUnavailableException; a GPU machine would build a plan it cannot run.
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> BuildEngines.run(sdxl, EngineManifest.defaultDir(sdxl), new BuildOptions(1, null),
            line -> { }));
    assertTrue(e.getMessage().startsWith(decoder + ": input 'latent_sample' and output 'sample'"
        + " are bfloat16."), e.getMessage());
  }

  @Test
  void anFp16GraphWhosePlanMustStayFp32IsRefusedNamingTheFile() {
    Path file = root.resolve("vae_decoder/model.onnx");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PlanPrecision.decide(file, MUST_STAY_FP32,
            OnnxFloatTypes.of(Fp16Graphs.allFp16().build())));
    assertTrue(e.getMessage().startsWith(file + ": an fp16 graph, but vae_decoder.plan must not"
        + " run in fp16"), e.getMessage());
  }

  @Test
  void buildEnginesRefusesAnFp16VaeThatIsNotFp16SafeBeforeLookingForAGpu()
      throws IOException {
    Path sdxl = TestBundles.writeSdxl(root);
    Path decoder = Fp16Graphs.vaeDecoder(sdxl.resolve("vae_decoder/model.onnx"));
    setForceUpcast(sdxl, true);
    // On this machine a GPU check would fail with BackendUnavailableException; the refusal
    // comes first, and reads the same on a GPU machine.
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> BuildEngines.run(sdxl, EngineManifest.defaultDir(sdxl), new BuildOptions(1, null),
            line -> { }));
    assertTrue(e.getMessage().startsWith(decoder + ": an fp16 graph"), e.getMessage());
    assertTrue(e.getMessage().contains("force_upcast"), e.getMessage());
    assertTrue(e.getMessage().contains("fp32 export"), e.getMessage());
    // The same graph in a bundle whose VAE is fp16-safe builds strongly typed.
    setForceUpcast(sdxl, false);
    BuildEngines.Prepared vae = BuildEngines.prepare(sdxl).stream()
        .filter(p -> p.job().plan().plan().equals("vae_decoder.plan")).findFirst()
        .orElseThrow();
    assertEquals(PlanTyping.STRONG, vae.precision().typing());
    assertEquals("fp16", vae.precision().precision());
  }

  private static PlanPrecision decide(OnnxGraphBuilder graph, GraphPlan plan) {
    return PlanPrecision.decide(Path.of(plan.source()), plan,
        OnnxFloatTypes.of(graph.build()));
  }

  private static GraphPlan plan(boolean fp16) {
    return new GraphPlan("vae_decoder/model.onnx", "vae_decoder.plan", fp16, Set.of("y"),
        List.of(List.of()));
  }

  static void setForceUpcast(Path sdxl, boolean value) throws IOException {
    Path config = sdxl.resolve("vae_decoder/config.json");
    ObjectMapper json = new ObjectMapper();
    ObjectNode node = (ObjectNode) json.readTree(config.toFile());
    node.put("force_upcast", value);
    json.writeValue(config.toFile(), node);
    assertTrue(Files.readString(config).contains("\"force_upcast\":" + value));
  }
}
