package org.segfill.models.testbundle;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.segfill.engine.backend.DType;
import org.segfill.engine.sdxl.SdxlContracts;
import org.segfill.models.onnx.Dim;
import org.segfill.models.onnx.OnnxGraphBuilder;

/**
 * Writes the tiny {@code text_encoder/model.onnx} (CLIP-L: 768 wide, 12 layers, outputs
 * {@code last_hidden_state}, {@code pooler_output}, {@code hidden_states.0..12}) and
 * {@code text_encoder_2/model.onnx} (bigG: 1280 wide, 32 layers, outputs {@code text_embeds},
 * {@code last_hidden_state}, {@code hidden_states.0..32}), in the real exports' output order.
 * Behaviour: see {@link TinySdxl}.
 */
final class TinyClipTextEncoder {

  private static final Dim BATCH = Dim.named("batch_size");
  private static final Dim SEQUENCE = Dim.named("sequence_length");

  private TinyClipTextEncoder() {}

  /** The CLIP-L text model of {@code text_encoder/}. */
  static Path writeClipL(Path file) throws IOException {
    int width = SdxlContracts.TEXT_HIDDEN;
    OnnxGraphBuilder graph = OnnxGraphBuilder.graph("tiny_clip_text_model")
        .input("input_ids", DType.INT64, BATCH, SEQUENCE)
        .output("last_hidden_state", DType.FLOAT32, BATCH, SEQUENCE, Dim.of(width))
        .output("pooler_output", DType.FLOAT32, BATCH, Dim.of(width));
    declareHiddenStates(graph, width, SdxlContracts.TEXT_LAYERS);
    GraphOps ops = new GraphOps(graph);
    String pooled = encode(ops, width, SdxlContracts.TEXT_LAYERS);
    ops.identityTo("pooler_output", pooled);
    return graph.write(file);
  }

  /** The bigG text model with projection of {@code text_encoder_2/}. */
  static Path writeBigG(Path file) throws IOException {
    int width = SdxlContracts.TEXT_2_HIDDEN;
    // The real export labels text_embeds' second axis sequence_length; it is the 1280 wide
    // projection (contract E5), and we keep the mislabel so readers cannot rely on it.
    OnnxGraphBuilder graph = OnnxGraphBuilder.graph("tiny_clip_text_model_with_projection")
        .input("input_ids", DType.INT64, BATCH, SEQUENCE)
        .output("text_embeds", DType.FLOAT32, BATCH, SEQUENCE)
        .output("last_hidden_state", DType.FLOAT32, BATCH, SEQUENCE, Dim.of(width));
    declareHiddenStates(graph, width, SdxlContracts.TEXT_2_LAYERS);
    GraphOps ops = new GraphOps(graph);
    String pooled = encode(ops, width, SdxlContracts.TEXT_2_LAYERS);
    String mirrored = ops.gather(pooled, ops.longs(reversed(width)), 1);
    ops.nodeTo("text_embeds", "Add", List.of(
        ops.mul(pooled, ops.scalar(TinySdxl.PROJECTION_SELF)),
        ops.mul(mirrored, ops.scalar(TinySdxl.PROJECTION_MIRROR))));
    return graph.write(file);
  }

  private static void declareHiddenStates(OnnxGraphBuilder graph, int width, int layers) {
    for (String name : SdxlContracts.hiddenStateNames(layers)) {
      graph.output(name, DType.FLOAT32, BATCH, SEQUENCE, Dim.of(width));
    }
  }

  // Writes hidden_states.* and last_hidden_state; returns the pooled state [B,D] at the EOS.
  private static String encode(GraphOps ops, int width, int layers) {
    String ids = ops.cast("input_ids", DType.FLOAT32);
    String count = ops.cumSum(ops.affine(ids, 0f, 1f), 1);
    String position = ops.sub(count, ops.scalar(1f));

    String tokenPhase = ops.add(ops.mul(ops.unsqueeze(ids, 2),
        ops.floats(new long[] {width}, tokenFrequencies(width))),
        ops.floats(new long[] {width}, tokenPhases(width)));
    String positionPhase = ops.mul(ops.unsqueeze(position, 2),
        ops.floats(new long[] {width}, positionFrequencies(width)));
    String embedding = ops.add(ops.unary("Sin", tokenPhase),
        ops.mul(ops.unary("Cos", positionPhase), ops.scalar((float) TinySdxl.POSITION_GAIN)));
    ops.identityTo("hidden_states.0", embedding);

    String divisor = ops.unsqueeze(count, 2);
    String state = "hidden_states.0";
    for (int layer = 1; layer <= layers; layer++) {
      String causalMean = ops.div(ops.cumSum(state, 1), divisor);
      String mixed = ops.add(state, ops.mul(ops.sub(causalMean, state),
          ops.scalar(1f / layers)));
      String name = "hidden_states." + layer;
      ops.nodeTo(name, "Add", List.of(mixed,
          ops.floats(new long[] {width}, layerSignature(layer, width))));
      state = name;
    }
    float[] ones = new float[width];
    Arrays.fill(ones, 1f);
    String normed = ops.layerNorm(state, ops.floats(new long[] {width}, ones),
        ops.floats(new long[] {width}, new float[width]), TinySdxl.LAYER_NORM_EPSILON);
    ops.identityTo("last_hidden_state", normed);

    // argmax over the float ids (exact below 2^24) picks the first maximum, as torch does.
    String eos = ops.cast(ops.argMax(ids, 1, true), DType.FLOAT32);
    String oneHot = ops.equalAsFloat(position, eos);
    String pooled = ops.matMul(ops.unsqueeze(oneHot, 1), normed);
    return ops.reshape(pooled, -1, width);
  }

  static float[] tokenFrequencies(int width) {
    return geometric(TinySdxl.TOKEN_FREQUENCY, TinySdxl.TOKEN_OCTAVES, width);
  }

  static float[] tokenPhases(int width) {
    float[] phases = new float[width];
    for (int d = 0; d < width; d++) {
      phases[d] = (float) (TinySdxl.TOKEN_PHASE_STEP * d);
    }
    return phases;
  }

  static float[] positionFrequencies(int width) {
    return geometric(TinySdxl.POSITION_FREQUENCY, TinySdxl.POSITION_OCTAVES, width);
  }

  static float[] layerSignature(int layer, int width) {
    float[] signature = new float[width];
    for (int d = 0; d < width; d++) {
      signature[d] = (float) (TinySdxl.LAYER_SIGNATURE_GAIN * Math.sin(
          TinySdxl.LAYER_SIGNATURE_STEP * layer + TinySdxl.LAYER_SIGNATURE_PHASE * d));
    }
    return signature;
  }

  // top·2^(−octaves·d/width) for d = 0..width−1.
  private static float[] geometric(double top, double octaves, int width) {
    float[] values = new float[width];
    for (int d = 0; d < width; d++) {
      values[d] = (float) (top * Math.pow(2, -octaves * d / width));
    }
    return values;
  }

  private static long[] reversed(int width) {
    long[] indices = new long[width];
    for (int k = 0; k < width; k++) {
      indices[k] = width - 1 - k;
    }
    return indices;
  }
}
