package org.segfill.models.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segfill.engine.backend.BackendException;
import org.segfill.engine.backend.DType;
import org.segfill.engine.backend.Session;
import org.segfill.engine.backend.Tensor;
import org.segfill.engine.backend.ort.OrtBackend;
import org.segfill.models.onnx.proto.OnnxSubset.ModelProto;
import org.segfill.models.onnx.proto.OnnxSubset.StringStringEntryProto;
import org.segfill.models.onnx.proto.OnnxSubset.TensorProto;

/** Large initializers go to {@code <model>_data}; ONNX Runtime loads them from there. */
class ExternalDataTest {

  private static final int IN = 64;
  private static final int OUT = 8;

  @TempDir
  Path dir;

  @Test
  void largeInitializersMoveToTheSideFileAndOrtReadsThem() throws Exception {
    Path file = affine().writeWithExternalData(dir.resolve("model.onnx"), 1024);

    Path data = dir.resolve("model.onnx_data");
    // Only W (64x8 floats, 2048 bytes) reaches the threshold; b (32 bytes) stays inline.
    assertEquals((long) IN * OUT * 4, Files.size(data));
    ModelProto model = ModelProto.parseFrom(Files.readAllBytes(file));
    TensorProto w = model.getGraph().getInitializer(0);
    assertEquals(TensorProto.DataLocation.EXTERNAL, w.getDataLocation());
    assertTrue(w.getRawData().isEmpty());
    assertEquals(Map.of("location", "model.onnx_data", "offset", "0", "length", "2048"),
        entries(w.getExternalDataList()));
    TensorProto b = model.getGraph().getInitializer(1);
    assertEquals(TensorProto.DataLocation.DEFAULT, b.getDataLocation());
    assertEquals(OUT * 4, b.getRawData().size());

    float[] x = new float[IN];
    for (int i = 0; i < IN; i++) {
      x[i] = (i % 5) - 2;
    }
    try (Session session = new OrtBackend(1).open(file)) {
      float[] y = session.run(Map.of("x", Tensor.ofFloats(new long[] {1, IN}, x)), Set.of("y"))
          .get("y").toFloatArray();
      for (int col = 0; col < OUT; col++) {
        double expected = bias(col);
        for (int k = 0; k < IN; k++) {
          expected += x[k] * weight(k, col);
        }
        assertEquals(expected, y[col], 1e-4, "column " + col);
      }
    }
  }

  @Test
  void theModelCannotLoadWithoutItsDataFile() throws Exception {
    Path file = affine().writeWithExternalData(dir.resolve("model.onnx"), 1024);
    Files.delete(dir.resolve("model.onnx_data"));
    assertThrows(BackendException.class, () -> new OrtBackend(1).open(file).close());
  }

  @Test
  void aThresholdAboveEveryTensorKeepsThemInline() throws Exception {
    Path file = affine().writeWithExternalData(dir.resolve("inline.onnx"), 1 << 20);
    assertEquals(0, Files.size(dir.resolve("inline.onnx_data")));
    ModelProto model = ModelProto.parseFrom(Files.readAllBytes(file));
    assertFalse(model.getGraph().getInitializerList().stream()
        .anyMatch(t -> t.getDataLocation() == TensorProto.DataLocation.EXTERNAL));
  }

  private static OnnxGraphBuilder affine() {
    float[] w = new float[IN * OUT];
    for (int k = 0; k < IN; k++) {
      for (int col = 0; col < OUT; col++) {
        w[k * OUT + col] = weight(k, col);
      }
    }
    float[] b = new float[OUT];
    for (int col = 0; col < OUT; col++) {
      b[col] = bias(col);
    }
    return OnnxGraphBuilder.graph("affine_external")
        .input("x", DType.FLOAT32, Dim.named("batch"), Dim.of(IN))
        .floatInitializer("W", new long[] {IN, OUT}, w)
        .floatInitializer("b", new long[] {OUT}, b)
        .node("MatMul", List.of("x", "W"), List.of("xw"))
        .node("Add", List.of("xw", "b"), List.of("y"))
        .output("y", DType.FLOAT32, Dim.named("batch"), Dim.of(OUT));
  }

  private static float weight(int k, int col) {
    return ((k * 7 + col * 3) % 11 - 5) / 8f;
  }

  private static float bias(int col) {
    return col * 0.25f - 1f;
  }

  private static Map<String, String> entries(List<StringStringEntryProto> list) {
    return list.stream().collect(Collectors.toMap(
        StringStringEntryProto::getKey, StringStringEntryProto::getValue));
  }
}
