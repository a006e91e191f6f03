package org.segfill.models.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.segfill.engine.backend.DType;
import org.segfill.models.onnx.proto.OnnxSubset.ModelProto;
import org.segfill.models.onnx.proto.OnnxSubset.TensorShapeProto;

/** The builder writes the ONNX fields ORT reads and refuses ill-formed graphs by name. */
class OnnxGraphBuilderTest {

  @Test
  void writesOpsetIrDimsAndLittleEndianInitializers() throws Exception {
    ModelProto model = OnnxGraphBuilder.graph("g")
        .input("x", DType.FLOAT32, Dim.named("batch"), Dim.of(3))
        .floatInitializer("w", new long[] {2}, 1f, -2f)
        .node("Identity", List.of("x"), List.of("y"))
        .output("y", DType.FLOAT32, Dim.named("batch"), Dim.of(3))
        .build();
    assertEquals(8, model.getIrVersion());
    assertEquals(17, model.getOpsetImport(0).getVersion());
    List<TensorShapeProto.Dimension> dims =
        model.getGraph().getInput(0).getType().getTensorType().getShape().getDimList();
    assertEquals("batch", dims.get(0).getDimParam());
    assertEquals(3, dims.get(1).getDimValue());
    assertEquals(1, model.getGraph().getInitializer(0).getDataType());
    float second = model.getGraph().getInitializer(0).getRawData().asReadOnlyByteBuffer()
        .order(ByteOrder.LITTLE_ENDIAN).getFloat(4);
    assertEquals(-2f, second);
    // Round trip through bytes: the file is a valid message of our schema.
    assertEquals(model, ModelProto.parseFrom(model.toByteArray()));
  }

  @Test
  void irVersionFollowsOpset() {
    assertEquals(7, OnnxGraphBuilder.irVersionFor(13));
    assertEquals(8, OnnxGraphBuilder.irVersionFor(17));
    assertEquals(9, OnnxGraphBuilder.irVersionFor(19));
    assertEquals(10, OnnxGraphBuilder.irVersionFor(21));
    assertEquals(11, OnnxGraphBuilder.irVersionFor(23));
  }

  @Test
  void refusesUndefinedInputsDuplicatesUnproducedOutputsAndBadOpsets() {
    OnnxGraphBuilder builder = OnnxGraphBuilder.graph("g").input("x", DType.FLOAT32, Dim.of(1));
    assertEquals("Relu node input 'q': not a graph input, initializer or earlier node output",
        assertThrows(IllegalArgumentException.class,
            () -> builder.node("Relu", List.of("q"), List.of("r"))).getMessage());
    assertEquals("initializer 'x': name already used",
        assertThrows(IllegalArgumentException.class,
            () -> builder.floatInitializer("x", new long[] {1}, 0f)).getMessage());
    builder.output("never", DType.FLOAT32, Dim.of(1));
    assertEquals("output 'never': no input, initializer or node produces it",
        assertThrows(IllegalArgumentException.class, builder::build).getMessage());
    assertEquals("opset: allowed 13..23, found 12",
        assertThrows(IllegalArgumentException.class, () -> builder.opset(12))
            .getMessage());
    assertEquals("initializer 'w': shape [2, 2] holds 4 elements, found 3",
        assertThrows(IllegalArgumentException.class,
            () -> builder.floatInitializer("w", new long[] {2, 2}, 1f, 2f, 3f))
            .getMessage());
  }
}
