package org.segfill.models.engines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segfill.engine.backend.DType;
import org.segfill.engine.backend.Session;
import org.segfill.engine.backend.ShapeRange;
import org.segfill.engine.backend.Tensor;
import org.segfill.engine.backend.TensorSpec;
import org.segfill.engine.backend.ort.OrtBackend;
import org.segfill.engine.backend.tensorrt.EngineManifest;
import org.segfill.engine.backend.tensorrt.InputShapes;
import org.segfill.engine.backend.tensorrt.PlanMetadata;
import org.segfill.engine.backend.tensorrt.PlanTyping;
import org.segfill.engine.backend.tensorrt.TrtBackend;
import org.segfill.engine.backend.tensorrt.TrustedFiles;
import org.segfill.models.onnx.OnnxFloatTypes;

/**
 * TensorRT against ONNX Runtime CPU on every graph of the tiny SAM and SDXL bundles, with plans
 * built inside the test by {@link BuildEngines} (weakly typed with kFP16, the bundles being
 * fp32), a strongly typed build of an fp16 graph, and the load-time refusals (among them a plan
 * with bf16 inputs and outputs). Skipped without a CUDA device and TensorRT, with the reason.
 */
@RequiresTensorRt
class TensorRtBackendGpuTest {

  /** fp16 plans: |trt - ort| <= ABS + REL * |ort|, elementwise. */
  private static final double ABS = 2e-2;
  private static final double REL = 2e-2;

  @TempDir static Path root;
  static Path sam;
  static Path sdxl;
  static EngineManifest samManifest;
  static EngineManifest sdxlManifest;

  @BeforeAll
  static void buildPlans() throws IOException {
    TinyPlans plans = TinyPlans.build(root, root.resolve("timing.cache"));
    sam = plans.sam();
    sdxl = plans.sdxl();
    samManifest = plans.samManifest();
    sdxlManifest = plans.sdxlManifest();
  }

  @Test
  void everyPlanMatchesOnnxRuntimeCpuOnRandomInputs() {
    compareAll(sam, samManifest);
    compareAll(sdxl, sdxlManifest);
  }

  @Test
  void theManifestRecordsHashesAndTheBuildTarget() throws IOException {
    assertEquals(2, samManifest.plans().size());
    assertEquals(5, sdxlManifest.plans().size());
    PlanMetadata decoder = samManifest.forSource("decoder.onnx").orElseThrow();
    assertEquals(List.of("masks"), decoder.droppedOutputs().stream()
        .filter("masks"::equals).toList(), "the data-dependent masks output is dropped");
    assertEquals(TrtBackend.runningIdentity(), decoder.builtOn());
    assertTrue(Files.isRegularFile(root.resolve("timing.cache")));
  }

  @Test
  void theTinyFp32BundlesAreBuiltWeaklyTypedInFp16() {
    for (EngineManifest m : List.of(samManifest, sdxlManifest)) {
      for (PlanMetadata plan : m.plans()) {
        assertEquals(PlanTyping.WEAK, plan.typing(), plan.plan());
        assertEquals("fp16", plan.precision(), plan.plan());
      }
    }
  }

  @Test
  void anFp16GraphBuildsStronglyTypedAndKeepsItsFp16Inputs() throws IOException {
    Path graph = Fp16Graphs.allFp16().write(root.resolve("fp16/tiny.onnx"));
    // Static shapes: the plan needs no profile entry.
    GraphPlan plan = new GraphPlan("tiny.onnx", "tiny.plan", true, Set.of("y"),
        List.of(List.of()));
    PlanPrecision precision = PlanPrecision.decide(graph, plan,
        OnnxFloatTypes.of(Fp16Graphs.allFp16().build()));
    assertEquals(PlanTyping.STRONG, precision.typing());
    Path planFile = root.resolve("fp16/tiny.plan");
    try (EngineBuilder builder = new EngineBuilder()) {
      BuiltPlan built = builder.build(graph, plan, precision, new BuildOptions(1, null), null,
          planFile);
      assertEquals(Files.size(planFile), built.size());
      assertEquals(TrustedFiles.sha256(planFile), built.sha256());
      assertEquals(DType.FLOAT16, built.sourceInputs().get(0).dtype());
    }
  }

  @Test
  void aCorruptPlanFailsWithTensorRtsOwnWordsEveryTime() throws IOException {
    // A plan whose manifest hash matches its corrupt bytes reaches TensorRT, which refuses it.
    // With one process-wide logger, the second refusal must still carry TensorRT's message.
    Path copy = Files.createDirectories(root.resolve("corrupt"));
    Path engines = EngineManifest.defaultDir(sam);
    Files.copy(engines.resolve("sam_encoder.plan"), copy.resolve("sam_encoder.plan"));
    byte[] plan = Files.readAllBytes(engines.resolve("sam_decoder.plan"));
    byte[] truncated = Arrays.copyOf(plan, plan.length / 3);
    Files.write(copy.resolve("sam_decoder.plan"), truncated);
    List<PlanMetadata> plans = new ArrayList<>();
    for (PlanMetadata m : samManifest.plans()) {
      plans.add(!m.plan().equals("sam_decoder.plan") ? m : new PlanMetadata(m.source(),
          m.plan(), m.sourceSha256(), m.externalData(), TrustedFiles.sha256(truncated),
          m.builtOn(), m.precision(), m.typing(), m.profiles(), m.sourceInputs(),
          m.droppedOutputs()));
    }
    new EngineManifest(EngineManifest.FORMAT, plans).write(copy.resolve(EngineManifest.FILE));
    TrtBackend backend = new TrtBackend(sam, copy, List.of(sam, copy));
    for (int attempt = 0; attempt < 2; attempt++) {
      RuntimeException e = assertThrows(RuntimeException.class,
          () -> backend.open(sam.resolve("decoder.onnx")));
      assertTrue(e.getMessage().contains("unable to deserialize"), e.getMessage());
      assertFalse(e.getMessage().contains("no TensorRT error logged"), e.getMessage());
    }
  }

  @Test
  void aPlanWithBf16InputsAndOutputsIsRefusedWhenOpened() throws IOException {
    Path bundle = Files.createDirectories(root.resolve("bf16"));
    Path graph = Bf16Graphs.bf16Io().write(bundle.resolve("tiny.onnx"));
    GraphPlan plan = new GraphPlan("tiny.onnx", "tiny.plan", true, Set.of("y"),
        List.of(List.of()));
    // build-engines refuses this graph (PlanPrecision); the plan is built here directly, as
    // another tool or an older segfill could have, to check that the runtime refuses it too.
    PlanPrecision precision = new PlanPrecision(PlanTyping.STRONG, "bf16", "bf16 I/O");
    Path engines = Files.createDirectories(bundle.resolve("engines"));
    try (EngineBuilder builder = new EngineBuilder()) {
      BuiltPlan built = builder.build(graph, plan, precision, new BuildOptions(1, null), null,
          engines.resolve("tiny.plan"));
      new EngineManifest(EngineManifest.FORMAT, List.of(new PlanMetadata("tiny.onnx",
          "tiny.plan", TrustedFiles.sha256(graph), List.of(), built.sha256(),
          TrtBackend.runningIdentity(), precision.precision(), precision.typing(),
          plan.profiles(), built.sourceInputs(), built.droppedOutputs())))
          .write(engines.resolve(EngineManifest.FILE));
    }
    TrtBackend backend = new TrtBackend(bundle, engines, List.of(bundle));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> backend.open(graph));
    assertTrue(e.getMessage().contains("tiny.plan: tensor '"), e.getMessage());
    assertTrue(e.getMessage().contains("' is bfloat16"), e.getMessage());
    assertTrue(e.getMessage().contains("inputs and outputs are fp16 or fp32"), e.getMessage());
  }

  @Test
  void aTamperedPlanIsRefusedWithBothHashes() throws IOException {
    Path copy = Files.createDirectories(root.resolve("tampered"));
    Path engines = EngineManifest.defaultDir(sam);
    for (Path f : List.of(engines.resolve("sam_decoder.plan"),
        engines.resolve(EngineManifest.FILE), engines.resolve("sam_encoder.plan"))) {
      Files.copy(f, copy.resolve(f.getFileName()));
    }
    byte[] plan = Files.readAllBytes(copy.resolve("sam_decoder.plan"));
    plan[plan.length / 2] ^= 1;
    Files.write(copy.resolve("sam_decoder.plan"), plan);
    TrtBackend backend = new TrtBackend(sam, copy, List.of(sam, copy));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> backend.open(sam.resolve("decoder.onnx")));
    assertTrue(e.getMessage().contains("differs from the manifest's"), e.getMessage());
  }

  @Test
  void aPlanOutsideTheTrustedFoldersIsRefused() {
    TrtBackend backend = new TrtBackend(sam, EngineManifest.defaultDir(sam),
        List.of(EngineManifest.defaultDir(sam)));
    // The manifest is inside, so construction works; narrowing the roots to another folder
    // refuses before any byte is read.
    assertThrows(IllegalArgumentException.class, () -> new TrtBackend(sam,
        EngineManifest.defaultDir(sam), List.of(root.resolve("sdxl"))));
    backend.open(sam.resolve("encoder.onnx")).close();
  }

  @Test
  void shapesOutsideTheProfileAreRefusedBeforeRunning() {
    TrtBackend backend = new TrtBackend(sam, EngineManifest.defaultDir(sam), List.of(sam));
    try (Session decoder = backend.open(sam.resolve("decoder.onnx"))) {
      Map<String, Tensor> inputs = inputs(decoder, decoder.inputRanges(), 67);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> decoder.runAll(inputs));
      assertTrue(e.getMessage().contains("between 1 and 66, got 67"), e.getMessage());
    }
  }

  private static void compareAll(Path bundle, EngineManifest manifest) {
    TrtBackend trt = new TrtBackend(bundle, EngineManifest.defaultDir(bundle), List.of(bundle));
    OrtBackend ort = new OrtBackend(2);
    for (PlanMetadata plan : manifest.plans()) {
      Path graph = bundle.resolve(plan.source());
      try (Session t = trt.open(graph); Session o = ort.open(graph)) {
        // Profile 0's ranges, not the session's envelope of every profile: the envelope's
        // smallest corner (64x64 latents for the SDXL bands) lies in no single profile.
        Map<String, Tensor> in = inputs(t, plan.profiles().get(0).stream()
            .map(InputShapes::range).toList(), -1);
        Set<String> wanted = new java.util.LinkedHashSet<>();
        t.outputs().forEach(s -> wanted.add(s.name()));
        Map<String, Tensor> want = o.run(in, wanted);
        Map<String, Tensor> got = t.run(in, wanted);
        for (String name : wanted) {
          float[] a = got.get(name).toFloatArray();
          float[] b = want.get(name).toFloatArray();
          assertEquals(b.length, a.length, plan.source() + " " + name);
          for (int i = 0; i < a.length; i++) {
            double tol = ABS + REL * Math.abs(b[i]);
            int at = i;
            assertTrue(Math.abs(a[i] - b[i]) <= tol, () -> plan.source() + " " + name + "[" + at
                + "]: tensorrt " + a[at] + ", onnxruntime " + b[at]);
          }
        }
      }
    }
  }

  // Random inputs, each dynamic axis 2 clamped into `accepted` (or `points` points).
  private static Map<String, Tensor> inputs(Session s, List<ShapeRange> accepted, int points) {
    Random random = new Random(6);
    Map<String, ShapeRange> ranges = new LinkedHashMap<>();
    accepted.forEach(r -> ranges.put(r.name(), r));
    Map<String, Tensor> in = new LinkedHashMap<>();
    for (TensorSpec spec : s.inputs()) {
      long[] shape = spec.shape();
      ShapeRange r = ranges.get(spec.name());
      for (int a = 0; a < shape.length; a++) {
        if (shape[a] < 0) {
          shape[a] = r == null ? 1 : Math.min(r.max()[a], Math.max(r.min()[a], 2));
        }
      }
      if (points > 0 && spec.name().startsWith("point_")) {
        shape[1] = points;
      }
      int n = (int) org.segfill.engine.backend.Shapes.elementCount(shape);
      if (spec.dtype() == DType.INT64) {
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
          v[i] = random.nextInt(40);
        }
        in.put(spec.name(), Tensor.ofLongs(shape, v));
      } else {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
          v[i] = switch (spec.name()) {
            case "orig_im_size" -> 1024f;
            case "point_labels" -> 1f;
            case "has_mask_input" -> 0f;
            case "timestep" -> 500f;
            case "point_coords" -> random.nextFloat() * 1024f;
            default -> random.nextFloat() * 2 - 1;
          };
        }
        in.put(spec.name(), Tensor.ofFloats(shape, v));
      }
    }
    return in;
  }
}
