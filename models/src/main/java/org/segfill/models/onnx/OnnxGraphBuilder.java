package org.segfill.models.onnx;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.segfill.engine.backend.DType;
import org.segfill.engine.backend.Shapes;
import org.segfill.models.onnx.proto.OnnxSubset.GraphProto;
import org.segfill.models.onnx.proto.OnnxSubset.ModelProto;
import org.segfill.models.onnx.proto.OnnxSubset.NodeProto;
import org.segfill.models.onnx.proto.OnnxSubset.OperatorSetIdProto;
import org.segfill.models.onnx.proto.OnnxSubset.TensorProto;
import org.segfill.models.onnx.proto.OnnxSubset.TensorShapeProto;
import org.segfill.models.onnx.proto.OnnxSubset.TypeProto;
import org.segfill.models.onnx.proto.OnnxSubset.ValueInfoProto;

/**
 * Writes small ONNX graphs (test and tiny stand-in models) from Java: typed inputs and outputs
 * with fixed or named dynamic axes, float, float16 and int64 initializers and nodes with
 * attributes, in the default ai.onnx domain. Each name is checked as it is added, so a broken
 * graph fails here with the offending name instead of inside ONNX Runtime.
 */
public final class OnnxGraphBuilder {

  /** Opset used unless {@link #opset(int)} says otherwise (SAM's decoder export uses 17). */
  public static final int DEFAULT_OPSET = 17;
  /** Lowest and highest opsets accepted: ONNX Runtime 1.24 runs all of 13..23. */
  public static final int MIN_OPSET = 13;
  public static final int MAX_OPSET = 23;

  private final GraphProto.Builder graph = GraphProto.newBuilder();
  // Names a node may read: graph inputs, initializers and outputs of earlier nodes.
  private final Set<String> defined = new HashSet<>();
  private final Set<String> declaredOutputs = new LinkedHashSet<>();
  private int opset = DEFAULT_OPSET;
  private int nodeCount;

  private OnnxGraphBuilder(String name) {
    graph.setName(name);
  }

  /** Starts a graph called {@code name}. */
  public static OnnxGraphBuilder graph(String name) {
    requireName("name", name);
    return new OnnxGraphBuilder(name);
  }

  /** Sets the ai.onnx opset, between {@link #MIN_OPSET} and {@link #MAX_OPSET}. */
  public OnnxGraphBuilder opset(int version) {
    if (version < MIN_OPSET || version > MAX_OPSET) {
      throw new IllegalArgumentException("opset: allowed " + MIN_OPSET + ".." + MAX_OPSET
          + ", found " + version);
    }
    this.opset = version;
    return this;
  }

  /** Declares a graph input; an empty {@code dims} makes it a rank-0 scalar. */
  public OnnxGraphBuilder input(String name, DType dtype, Dim... dims) {
    define("input", name);
    graph.addInput(valueInfo(name, dtype, dims));
    return this;
  }

  /** Declares a graph output; some node (or an input) must produce it before {@link #build}. */
  public OnnxGraphBuilder output(String name, DType dtype, Dim... dims) {
    requireName("output", name);
    if (!declaredOutputs.add(name)) {
      throw new IllegalArgumentException("output '" + name + "': declared twice");
    }
    graph.addOutput(valueInfo(name, dtype, dims));
    return this;
  }

  /** A float32 constant of {@code shape} holding {@code values} in row-major order. */
  public OnnxGraphBuilder floatInitializer(String name, long[] shape, float... values) {
    ByteBuffer raw = rawBuffer(name, shape, values.length, DType.FLOAT32);
    raw.asFloatBuffer().put(values);
    return initializer(name, DType.FLOAT32, shape, raw);
  }

  /**
   * A float16 constant of {@code shape} holding IEEE half-precision bit patterns in row-major
   * order (0x3C00 is 1.0), as an fp16 export stores its weights.
   */
  public OnnxGraphBuilder halfInitializer(String name, long[] shape, short... bits) {
    ByteBuffer raw = rawBuffer(name, shape, bits.length, DType.FLOAT16);
    raw.asShortBuffer().put(bits);
    return initializer(name, DType.FLOAT16, shape, raw);
  }

  /**
   * A bfloat16 constant of {@code shape} holding bfloat16 bit patterns (the upper half of a
   * float32's; 0x3F80 is 1.0) in row-major order, as a bf16 export stores its weights.
   */
  public OnnxGraphBuilder bfloat16Initializer(String name, long[] shape, short... bits) {
    ByteBuffer raw = rawBuffer(name, shape, bits.length, DType.BFLOAT16);
    raw.asShortBuffer().put(bits);
    return initializer(name, DType.BFLOAT16, shape, raw);
  }

  /** An int64 constant of {@code shape} holding {@code values} in row-major order. */
  public OnnxGraphBuilder longInitializer(String name, long[] shape, long... values) {
    ByteBuffer raw = rawBuffer(name, shape, values.length, DType.INT64);
    raw.asLongBuffer().put(values);
    return initializer(name, DType.INT64, shape, raw);
  }

  /**
   * Adds a node of the ai.onnx domain. Every non-empty input must already be defined (ONNX
   * wants nodes in topological order); an empty input name means "optional input omitted".
   */
  public OnnxGraphBuilder node(String opType, List<String> inputs, List<String> outputs,
      OnnxAttribute... attributes) {
    requireName("opType", opType);
    for (String input : inputs) {
      if (!input.isEmpty() && !defined.contains(input)) {
        throw new IllegalArgumentException(opType + " node input '" + input
            + "': not a graph input, initializer or earlier node output");
      }
    }
    if (outputs.isEmpty()) {
      throw new IllegalArgumentException(opType + " node: needs at least one output");
    }
    for (String output : outputs) {
      define(opType + " node output", output);
    }
    graph.addNode(NodeProto.newBuilder()
        .setName(opType + "_" + nodeCount++)
        .setOpType(opType)
        .addAllInput(inputs)
        .addAllOutput(outputs)
        .addAllAttribute(OnnxAttribute.protos(attributes)));
    return this;
  }

  /** The finished model; fails if a declared output is never produced. */
  public ModelProto build() {
    for (String output : declaredOutputs) {
      if (!defined.contains(output)) {
        throw new IllegalArgumentException("output '" + output
            + "': no input, initializer or node produces it");
      }
    }
    if (declaredOutputs.isEmpty()) {
      throw new IllegalArgumentException("outputs: a graph needs at least one");
    }
    return ModelProto.newBuilder()
        .setIrVersion(irVersionFor(opset))
        .setProducerName("segfill")
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset))
        .setGraph(graph.build())
        .build();
  }

  /** Builds the model and writes it to {@code file}, replacing any existing file. */
  public Path write(Path file) throws IOException {
    ModelProto model = build();
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (OutputStream out = Files.newOutputStream(file)) {
      model.writeTo(out);
    }
    return file;
  }

  /**
   * Builds the model and writes it to {@code file} with every initializer of at least
   * {@code minBytes} bytes stored as ONNX external data in {@code <file name>_data} next to it
   * (Optimum's naming: {@code unet/model.onnx} + {@code unet/model.onnx_data}). Both files are
   * replaced; the data file is written even when no initializer qualifies.
   */
  public Path writeWithExternalData(Path file, long minBytes) throws IOException {
    if (minBytes < 1) {
      throw new IllegalArgumentException("minBytes: must be >= 1, found " + minBytes);
    }
    ModelProto model = build();
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    String location = file.getFileName() + "_data";
    ModelProto external;
    try (OutputStream data = Files.newOutputStream(file.resolveSibling(location))) {
      external = ExternalData.externalize(model, location, minBytes, data);
    }
    try (OutputStream out = Files.newOutputStream(file)) {
      external.writeTo(out);
    }
    return file;
  }

  /**
   * The lowest IR version that carries {@code opset} (ONNX's versioning table): readers reject a
   * model whose IR is older than its opset, and ORT 1.24 reads IR up to 11.
   */
  static long irVersionFor(int opset) {
    if (opset <= 14) {
      return 7;
    }
    if (opset <= 18) {
      return 8;
    }
    if (opset <= 20) {
      return 9;
    }
    if (opset <= 22) {
      return 10;
    }
    return 11;
  }

  private OnnxGraphBuilder initializer(String name, DType dtype, long[] shape, ByteBuffer raw) {
    define("initializer", name);
    raw.rewind();
    TensorProto.Builder tensor = TensorProto.newBuilder()
        .setName(name)
        .setDataType(OnnxDataTypes.code(dtype))
        .setRawData(ByteString.copyFrom(raw));
    for (long dim : shape) {
      tensor.addDims(dim);
    }
    graph.addInitializer(tensor);
    return this;
  }

  // ONNX raw_data is fixed-width little-endian whatever the host order.
  private static ByteBuffer rawBuffer(String name, long[] shape, int given, DType dtype) {
    requireName("initializer", name);
    long count = Shapes.elementCount(shape);
    if (count != given) {
      throw new IllegalArgumentException("initializer '" + name + "': shape "
          + Shapes.format(shape) + " holds " + count + " elements, found " + given);
    }
    return ByteBuffer.allocate(Math.toIntExact(count * dtype.byteSize()))
        .order(ByteOrder.LITTLE_ENDIAN);
  }

  private static ValueInfoProto valueInfo(String name, DType dtype, Dim[] dims) {
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
    for (Dim dim : dims) {
      TensorShapeProto.Dimension.Builder d = TensorShapeProto.Dimension.newBuilder();
      if (dim.isDynamic()) {
        d.setDimParam(dim.name());
      } else {
        d.setDimValue(dim.size());
      }
      shape.addDim(d);
    }
    // A present-but-empty shape means rank 0; an absent shape would mean "unknown rank".
    return ValueInfoProto.newBuilder()
        .setName(name)
        .setType(TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
            .setElemType(OnnxDataTypes.code(dtype))
            .setShape(shape)))
        .build();
  }

  private void define(String role, String name) {
    requireName(role, name);
    if (!defined.add(name)) {
      throw new IllegalArgumentException(role + " '" + name + "': name already used");
    }
  }

  private static void requireName(String role, String name) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException(role + ": needs a non-empty name");
    }
  }
}
