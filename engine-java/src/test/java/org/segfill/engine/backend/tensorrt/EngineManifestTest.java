package org.segfill.engine.backend.tensorrt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segfill.engine.backend.DType;
import org.segfill.engine.backend.TensorSpec;

/** The manifest's round trip and the plan metadata's refusal to load elsewhere. */
class EngineManifestTest {

  static final RuntimeIdentity L4 = new RuntimeIdentity("10.15.1", "NVIDIA L4", "8.9");

  static PlanMetadata plan(RuntimeIdentity builtOn) {
    return new PlanMetadata("sam/decoder.onnx", "sam_decoder.plan", "aa".repeat(32),
        List.of("model.onnx_data=" + "cc".repeat(32)), "bb".repeat(32), builtOn, "fp16",
        PlanTyping.WEAK, List.of(List.of(new InputShapes("point_coords", new long[] {1, 1, 2},
            new long[] {1, 2, 2}, new long[] {1, 66, 2}))),
        List.of(new TensorSpec("orig_im_size", DType.FLOAT32, new long[] {2})),
        List.of("masks"));
  }

  @Test
  void aManifestReadsBackAsWritten(@TempDir Path dir) throws IOException {
    EngineManifest m = new EngineManifest(EngineManifest.FORMAT, List.of(plan(L4)));
    Path file = dir.resolve(EngineManifest.FILE);
    m.write(file);
    EngineManifest back = EngineManifest.read(file);
    PlanMetadata p = back.forSource("sam/decoder.onnx").orElseThrow();
    assertEquals(L4, p.builtOn());
    assertEquals("bb".repeat(32), p.planSha256());
    assertArrayEquals(new long[] {1, 66, 2}, p.profiles().get(0).get(0).max());
    assertEquals(List.of("masks"), p.droppedOutputs());
    assertEquals(PlanTyping.WEAK, p.typing());
    assertTrue(Files.readString(file).contains("\"typing\" : \"weak\""), "typing as a word");
    assertEquals(new TensorSpec("orig_im_size", DType.FLOAT32, new long[] {2}),
        p.sourceInputs().get(0));
    assertTrue(back.forSource("unet/model.onnx").isEmpty());
  }

  @Test
  void aGarbledManifestIsRefusedNamingTheFile(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve(EngineManifest.FILE), "{\"format\": 2, \"plans\":");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> EngineManifest.read(file));
    assertTrue(e.getMessage().startsWith(file + ": not a readable engine manifest"),
        e.getMessage());
    // A format-1 manifest (no typing per plan) asks for a rebuild instead of a mapping error.
    Files.writeString(file, "{\"format\": 1, \"plans\": [{\"source\": \"decoder.onnx\"}]}");
    e = assertThrows(IllegalArgumentException.class, () -> EngineManifest.read(file));
    assertTrue(e.getMessage().contains("manifest format 1 is not 2; rebuild"), e.getMessage());
  }

  @Test
  void aPlanLoadsOnlyWhereItWasBuilt() {
    assertTrue(plan(L4).mismatch(L4).isEmpty());
    for (RuntimeIdentity other : List.of(
        new RuntimeIdentity("10.14.1", "NVIDIA L4", "8.9"),
        new RuntimeIdentity("10.15.1", "NVIDIA A10", "8.6"),
        new RuntimeIdentity("10.15.1", "NVIDIA L4", "9.0"))) {
      String why = plan(L4).mismatch(other).orElseThrow();
      assertTrue(why.contains("built with TensorRT 10.15.1 on NVIDIA L4 (compute capability"
          + " 8.9)"), why);
      assertTrue(why.contains("this is " + other), why);
      assertTrue(why.endsWith("rebuild with segfill build-engines"), why);
    }
  }

  @Test
  void profileShapesMustBeOrdered() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new InputShapes("x", new long[] {1, 8}, new long[] {1, 4}, new long[] {1, 6}));
    assertEquals("'x' axis 1: need 1 <= min <= opt <= max, found 8, 4, 6", e.getMessage());
  }
}
