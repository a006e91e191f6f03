package org.segfill.models.engines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segfill.models.onnx.proto.OnnxSubset.GraphProto;
import org.segfill.models.onnx.proto.OnnxSubset.ModelProto;
import org.segfill.models.onnx.proto.OnnxSubset.StringStringEntryProto;
import org.segfill.models.onnx.proto.OnnxSubset.TensorProto;

/** A graph's external data must stay inside the bundle (onnx #3991, CVE-2025-51480). */
class GraphFilesTest {

  @TempDir Path tmp;

  private Path graphWithExternalData(Path dir, String location) throws IOException {
    Files.createDirectories(dir);
    TensorProto weight = TensorProto.newBuilder().setName("w").addDims(4)
        .setDataType(TensorProto.DataType.FLOAT.getNumber())
        .setDataLocation(TensorProto.DataLocation.EXTERNAL)
        .addExternalData(entry("location", location))
        .addExternalData(entry("offset", "0"))
        .addExternalData(entry("length", "16")).build();
    ModelProto model = ModelProto.newBuilder().setIrVersion(8)
        .setGraph(GraphProto.newBuilder().setName("g").addInitializer(weight)).build();
    Path file = dir.resolve("model.onnx");
    Files.write(file, model.toByteArray());
    return file;
  }

  private static StringStringEntryProto entry(String key, String value) {
    return StringStringEntryProto.newBuilder().setKey(key).setValue(value).build();
  }

  @Test
  void externalDataInsideTheBundleIsListedAfterTheGraph() throws IOException {
    Path bundle = tmp.resolve("bundle");
    Path graph = graphWithExternalData(bundle.resolve("unet"), "model.onnx_data");
    Files.write(bundle.resolve("unet/model.onnx_data"), new byte[16]);
    List<Path> files = GraphFiles.trusted(List.of(bundle), graph);
    assertEquals(List.of(graph.toRealPath(), bundle.resolve("unet/model.onnx_data").toRealPath()),
        files);
  }

  @Test
  void externalDataClimbingOutOrAbsoluteRefusesTheGraph() throws IOException {
    Path bundle = tmp.resolve("bundle");
    Files.write(tmp.resolve("passwd"), new byte[16]);
    for (String location : List.of("../../passwd", "/etc/passwd", "sub/../../../passwd")) {
      Path graph = graphWithExternalData(bundle.resolve("unet"), location);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> GraphFiles.trusted(List.of(bundle), graph), location);
      assertTrue(e.getMessage().contains("refused"), e.getMessage());
    }
  }

  @Test
  void externalDataBehindASymlinkOutOfTheBundleIsRefused() throws IOException {
    Path bundle = tmp.resolve("bundle");
    Path secret = Files.write(tmp.resolve("weights.bin"), new byte[16]);
    Path graph = graphWithExternalData(bundle.resolve("unet"), "model.onnx_data");
    Files.createSymbolicLink(bundle.resolve("unet/model.onnx_data"), secret);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> GraphFiles.trusted(List.of(bundle), graph));
    assertTrue(e.getMessage().contains("resolves to " + secret.toRealPath()), e.getMessage());
  }

  @Test
  void aGraphSymlinkedFromOutsideIsRefused() throws IOException {
    Path bundle = Files.createDirectories(tmp.resolve("bundle"));
    Path elsewhere = graphWithExternalData(tmp.resolve("elsewhere"), "model.onnx_data");
    Path link = Files.createSymbolicLink(bundle.resolve("model.onnx"), elsewhere);
    assertThrows(IllegalArgumentException.class, () -> GraphFiles.trusted(List.of(bundle), link));
  }
}
