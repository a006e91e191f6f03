package org.segfill.server.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.segfill.engine.backend.Availability;
import org.segfill.engine.backend.BackendKind;
import org.segfill.engine.backend.BackendUnavailableException;

/** {@code --backend}: auto's order and reasons, and explicit choices' refusals. */
class BackendChoiceTest {

  private static Map<BackendKind, Availability> only(BackendKind... available) {
    Map<BackendKind, Availability> m = new EnumMap<>(BackendKind.class);
    m.put(BackendKind.TENSORRT, Availability.no("TensorRT: libnvinfer.so.10 not found"));
    m.put(BackendKind.ORT_CUDA, Availability.no("CUDA: no CUDA driver"));
    m.put(BackendKind.ORT_CPU, Availability.yes("ONNX Runtime on the CPU"));
    for (BackendKind k : available) {
      m.put(k, Availability.yes(k.id() + " here"));
    }
    return m;
  }

  @Test
  void autoTakesTheBestAvailableInOrder() {
    assertEquals(BackendKind.TENSORRT, BackendChoice.choose("auto",
        only(BackendKind.TENSORRT, BackendKind.ORT_CUDA)::get).kind());
    assertEquals(BackendKind.ORT_CUDA, BackendChoice.choose("auto",
        only(BackendKind.ORT_CUDA)::get).kind());
    BackendChoice cpu = BackendChoice.choose("auto", only()::get);
    assertEquals(BackendKind.ORT_CPU, cpu.kind());
    assertEquals("cpu", cpu.device());
    // It says why it passed over each better backend.
    assertTrue(cpu.reason().contains("tensorrt unavailable (TensorRT: libnvinfer.so.10 not"
        + " found)"), cpu.reason());
    assertTrue(cpu.reason().contains("ort-cuda unavailable (CUDA: no CUDA driver)"),
        cpu.reason());
  }

  @Test
  void anExplicitUnavailableBackendIsRefusedWithTheReason() {
    BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
        () -> BackendChoice.choose("tensorrt", only()::get));
    assertEquals("backend tensorrt is unavailable: TensorRT: libnvinfer.so.10 not found",
        e.getMessage());
  }

  @Test
  void anExplicitAvailableBackendIsUsedEvenIfABetterOneExists() {
    BackendChoice c = BackendChoice.choose("ort-cpu", only(BackendKind.TENSORRT)::get);
    assertEquals(BackendKind.ORT_CPU, c.kind());
    assertEquals("ort-cpu", c.selected());
  }

  @Test
  void anUnknownNameListsTheChoices() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> BackendChoice.choose("cuda", only()::get));
    assertEquals("backend must be one of [auto, tensorrt, ort-cuda, ort-cpu], got 'cuda'",
        e.getMessage());
  }

  @Test
  void withoutBundlesAutoRunsTheClassicEnginesOnTheCpu() {
    BackendChoice c = BackendChoice.forBundles("auto", java.util.List.of());
    assertEquals(BackendKind.ORT_CPU, c.kind());
    assertTrue(c.reason().startsWith("auto: ort-cpu, no bundle is configured"), c.reason());
  }

  @Test
  void tensorRtNeedsEnginesBuiltForEachBundle(@org.junit.jupiter.api.io.TempDir
      java.nio.file.Path bundle) {
    Availability a = org.segfill.engine.backend.BackendProbes.availability(
        BackendKind.TENSORRT, java.util.List.of(bundle));
    assertTrue(!a.available(), a::reason);
    assertTrue(a.reason().contains("no engines for " + bundle + " ("
        + bundle.resolve("engines/manifest.json") + " missing; run segfill build-engines"
        + " --bundle " + bundle + ")"), a.reason());
    if (!org.segfill.devices.TensorRtProbe.probe().available()) {
      assertTrue(a.reason().startsWith("TensorRT: " + org.segfill.devices.TensorRtProbe.probe()
          .reason()), a.reason());
    }
  }
}
