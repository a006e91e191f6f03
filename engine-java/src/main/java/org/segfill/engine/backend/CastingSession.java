package org.segfill.engine.backend;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.ShortPointer;
import org.segfill.kernels.KernelTarget;
import org.segfill.kernels.LatentKernels;

/**
 * Presents a graph that declares float16 tensors (an fp16 export) or int32 ids as one that takes
 * and returns float32 and int64, converting at this boundary and nowhere else (model contract
 * part 0, item 3). float32 to float16 rounds to nearest even in our kernel, so every backend
 * casts the same way. Tensors the graph already declares as float32 or int64 pass through.
 */
public final class CastingSession implements Session {

  private final Session graph;
  private final List<TensorSpec> inputs;
  private final List<TensorSpec> outputs;
  private final LatentKernels kernels = new LatentKernels(KernelTarget.cpu());

  private CastingSession(Session graph) {
    this.graph = graph;
    this.inputs = graph.inputs().stream().map(CastingSession::widened).toList();
    this.outputs = graph.outputs().stream().map(CastingSession::widened).toList();
  }

  /** {@code graph} itself if it needs no casting, else a casting view that owns it. */
  public static Session wrap(Session graph) {
    Objects.requireNonNull(graph, "graph");
    boolean narrow = graph.inputs().stream().anyMatch(CastingSession::isNarrow)
        || graph.outputs().stream().anyMatch(CastingSession::isNarrow);
    return narrow ? new CastingSession(graph) : graph;
  }

  @Override
  public List<TensorSpec> inputs() {
    return inputs;
  }

  @Override
  public List<TensorSpec> outputs() {
    return outputs;
  }

  @Override
  public List<ShapeRange> inputRanges() {
    return graph.inputRanges();
  }

  @Override
  public Map<String, Tensor> run(Map<String, Tensor> given, Set<String> wanted) {
    SessionIo.checkInputs(inputs, given);
    Map<String, Tensor> narrowed = new LinkedHashMap<>();
    for (TensorSpec spec : graph.inputs()) {
      Tensor t = given.get(spec.name());
      narrowed.put(spec.name(), spec.dtype() == t.dtype() ? t : narrow(t, spec.dtype()));
    }
    Map<String, Tensor> out = graph.run(narrowed, wanted);
    Map<String, Tensor> widened = new LinkedHashMap<>();
    for (Map.Entry<String, Tensor> e : out.entrySet()) {
      widened.put(e.getKey(), widen(e.getValue()));
    }
    return widened;
  }

  @Override
  public void close() {
    graph.close();
  }

  private static boolean isNarrow(TensorSpec spec) {
    return spec.dtype() == DType.FLOAT16 || spec.dtype() == DType.INT32;
  }

  private static TensorSpec widened(TensorSpec spec) {
    return switch (spec.dtype()) {
      case FLOAT16 -> new TensorSpec(spec.name(), DType.FLOAT32, spec.shape());
      case INT32 -> new TensorSpec(spec.name(), DType.INT64, spec.shape());
      default -> spec;
    };
  }

  private Tensor narrow(Tensor t, DType to) {
    if (to == DType.INT32) {
      long[] values = t.toLongArray();
      int[] ints = new int[values.length];
      for (int i = 0; i < values.length; i++) {
        ints[i] = Math.toIntExact(values[i]);
      }
      return Tensor.ofInts(t.shape(), ints);
    }
    long n = t.elementCount();
    try (FloatPointer in = new FloatPointer(n); ShortPointer half = new ShortPointer(n)) {
      in.put(t.toFloatArray());
      if (n > 0) {
        kernels.f32ToF16(in, half, n);
      }
      return Tensor.ofBytes(DType.FLOAT16, t.shape(), half.asByteBuffer());
    }
  }

  private Tensor widen(Tensor t) {
    if (t.dtype() == DType.INT32) {
      ByteBuffer data = t.data();
      long[] values = new long[(int) t.elementCount()];
      for (int i = 0; i < values.length; i++) {
        values[i] = data.getInt(4 * i);
      }
      return Tensor.ofLongs(t.shape(), values);
    }
    if (t.dtype() != DType.FLOAT16) {
      return t;
    }
    long n = t.elementCount();
    try (ShortPointer half = new ShortPointer(n); FloatPointer out = new FloatPointer(n)) {
      half.asByteBuffer().put(t.data());
      if (n > 0) {
        kernels.f16ToF32(half, out, n);
      }
      return Tensor.ofBytes(DType.FLOAT32, t.shape(), out.asByteBuffer());
    }
  }
}
