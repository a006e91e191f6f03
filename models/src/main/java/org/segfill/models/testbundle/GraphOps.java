package org.segfill.models.testbundle;

import java.util.List;
import org.segfill.engine.backend.DType;
import org.segfill.models.onnx.OnnxAttribute;
import org.segfill.models.onnx.OnnxDataTypes;
import org.segfill.models.onnx.OnnxGraphBuilder;

/**
 * Terse helpers over {@link OnnxGraphBuilder} for the tiny stand-in graphs: each call adds one
 * node or constant and returns the name of the tensor it produced. Written for opset 17, where
 * ReduceSum takes its axes as an input and ReduceMax/ReduceMin/ReduceMean as an attribute.
 */
final class GraphOps {

  private final OnnxGraphBuilder graph;
  private int counter;

  GraphOps(OnnxGraphBuilder graph) {
    this.graph = graph;
  }

  /** A float32 constant of the given shape. */
  String floats(long[] shape, float... values) {
    String name = fresh("const");
    graph.floatInitializer(name, shape, values);
    return name;
  }

  /** A rank-0 float32 constant. */
  String scalar(float value) {
    return floats(new long[0], value);
  }

  /** A 1-D int64 constant. */
  String longs(long... values) {
    String name = fresh("ints");
    graph.longInitializer(name, new long[] {values.length}, values);
    return name;
  }

  /** Adds a node with one fresh output and returns that output's name. */
  String node(String opType, List<String> inputs, OnnxAttribute... attributes) {
    String out = fresh(opType.toLowerCase());
    graph.node(opType, inputs, List.of(out), attributes);
    return out;
  }

  /** Adds a node whose single output has a chosen name (a graph output). */
  void nodeTo(String out, String opType, List<String> inputs, OnnxAttribute... attributes) {
    graph.node(opType, inputs, List.of(out), attributes);
  }

  /** Copies {@code in} to a graph output called {@code out}. */
  void identityTo(String out, String in) {
    nodeTo(out, "Identity", List.of(in));
  }

  String add(String a, String b) {
    return node("Add", List.of(a, b));
  }

  String sub(String a, String b) {
    return node("Sub", List.of(a, b));
  }

  String mul(String a, String b) {
    return node("Mul", List.of(a, b));
  }

  String div(String a, String b) {
    return node("Div", List.of(a, b));
  }

  String min(String... inputs) {
    return node("Min", List.of(inputs));
  }

  String max(String... inputs) {
    return node("Max", List.of(inputs));
  }

  String neg(String a) {
    return node("Neg", List.of(a));
  }

  /** a * k + c, with k and c float constants. */
  String affine(String a, float k, float c) {
    return add(mul(a, scalar(k)), scalar(c));
  }

  /** where(cond, a, b) for a float 0/1 condition: cond * a + (1 - cond) * b. */
  String select(String cond01, String a, String b) {
    String notCond = sub(scalar(1f), cond01);
    return add(mul(cond01, a), mul(notCond, b));
  }

  String reshape(String x, long... shape) {
    return node("Reshape", List.of(x, longs(shape)));
  }

  String unsqueeze(String x, long... axes) {
    return node("Unsqueeze", List.of(x, longs(axes)));
  }

  String transpose(String x, long... perm) {
    return node("Transpose", List.of(x), OnnxAttribute.ofInts("perm", perm));
  }

  String concat(long axis, String... inputs) {
    return node("Concat", List.of(inputs), OnnxAttribute.ofInt("axis", axis));
  }

  String cast(String x, DType to) {
    return node("Cast", List.of(x), OnnxAttribute.ofInt("to", OnnxDataTypes.code(to)));
  }

  /** 1.0 where a == b, else 0.0 (float32). */
  String equalAsFloat(String a, String b) {
    return cast(node("Equal", List.of(a, b)), DType.FLOAT32);
  }

  String reduceSum(String x, boolean keepDims, long... axes) {
    return node("ReduceSum", List.of(x, longs(axes)),
        OnnxAttribute.ofInt("keepdims", keepDims ? 1 : 0));
  }

  String reduceMax(String x, boolean keepDims, long... axes) {
    return node("ReduceMax", List.of(x), OnnxAttribute.ofInts("axes", axes),
        OnnxAttribute.ofInt("keepdims", keepDims ? 1 : 0));
  }

  String reduceMin(String x, boolean keepDims, long... axes) {
    return node("ReduceMin", List.of(x), OnnxAttribute.ofInts("axes", axes),
        OnnxAttribute.ofInt("keepdims", keepDims ? 1 : 0));
  }

  String gather(String x, String indices, long axis) {
    return node("Gather", List.of(x, indices), OnnxAttribute.ofInt("axis", axis));
  }

  /** Slice with constant starts, ends and axes. */
  String slice(String x, long[] starts, long[] ends, long[] axes) {
    return node("Slice", List.of(x, longs(starts), longs(ends), longs(axes)));
  }

  String clip(String x, float lo, float hi) {
    return node("Clip", List.of(x, scalar(lo), scalar(hi)));
  }

  /** Bilinear resize to {@code sizes} (an int64 tensor name), align_corners=False. */
  String resizeLinear(String x, String sizes) {
    return node("Resize", List.of(x, "", "", sizes),
        OnnxAttribute.ofString("mode", "linear"),
        OnnxAttribute.ofString("coordinate_transformation_mode", "half_pixel"));
  }

  /** A rank-0 int64 constant (CumSum's axis, Gather offsets). */
  String longScalar(long value) {
    String name = fresh("int");
    graph.longInitializer(name, new long[0], value);
    return name;
  }

  /** An elementwise one-input op such as Sin, Tanh, Exp, Sqrt or Floor. */
  String unary(String opType, String x) {
    return node(opType, List.of(x));
  }

  String matMul(String a, String b) {
    return node("MatMul", List.of(a, b));
  }

  String reduceMean(String x, boolean keepDims, long... axes) {
    return node("ReduceMean", List.of(x), OnnxAttribute.ofInts("axes", axes),
        OnnxAttribute.ofInt("keepdims", keepDims ? 1 : 0));
  }

  /** Inclusive running sum along {@code axis}. */
  String cumSum(String x, long axis) {
    return node("CumSum", List.of(x, longScalar(axis)));
  }

  /** Index of the first maximum along {@code axis} (int64), as torch.argmax picks it. */
  String argMax(String x, long axis, boolean keepDims) {
    return node("ArgMax", List.of(x), OnnxAttribute.ofInt("axis", axis),
        OnnxAttribute.ofInt("keepdims", keepDims ? 1 : 0));
  }

  /** LayerNormalization over the last axis with the given scale and bias tensors. */
  String layerNorm(String x, String scale, String bias, float epsilon) {
    return node("LayerNormalization", List.of(x, scale, bias),
        OnnxAttribute.ofInt("axis", -1), OnnxAttribute.ofFloat("epsilon", epsilon));
  }

  /** 2-D convolution without padding, square kernel implied by {@code weight}. */
  String conv(String x, String weight, String bias, long stride) {
    return node("Conv", List.of(x, weight, bias), OnnxAttribute.ofInts("strides", stride, stride));
  }

  /** Bilinear resize by constant per-axis {@code scales}, align_corners=False. */
  String resizeLinearBy(String x, float... scales) {
    return node("Resize", List.of(x, "", floats(new long[] {scales.length}, scales)),
        OnnxAttribute.ofString("mode", "linear"),
        OnnxAttribute.ofString("coordinate_transformation_mode", "half_pixel"));
  }

  private String fresh(String stem) {
    return stem + "_" + counter++;
  }
}
