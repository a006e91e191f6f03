package org.segfill.models.testbundle;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.segfill.engine.backend.DType;
import org.segfill.models.onnx.Dim;
import org.segfill.models.onnx.OnnxAttribute;
import org.segfill.models.onnx.OnnxGraphBuilder;

/** Writes the tiny SAM image encoders of both bundle layouts (see {@link TinySam}). */
final class TinySamEncoder {

  private TinySamEncoder() {}

  /**
   * {@code encoder.onnx} of the sam-onnx layout: {@code image} float32 [1,3,1024,1024] (already
   * normalised and padded) to {@code image_embeddings} float32 [1,256,64,64].
   */
  static Path writeSamOnnx(Path file) throws IOException {
    OnnxGraphBuilder graph = OnnxGraphBuilder.graph("tiny_sam_image_encoder")
        .input("image", DType.FLOAT32, Dim.of(1), Dim.of(3), Dim.of(1024), Dim.of(1024))
        .output("image_embeddings", DType.FLOAT32, Dim.of(1), Dim.of(256), Dim.of(64),
            Dim.of(64));
    GraphOps ops = new GraphOps(graph);
    ops.identityTo("image_embeddings", embed(ops, "image"));
    return graph.write(file);
  }

  /**
   * {@code vision_encoder.onnx} of the hf layout: {@code pixel_values} float32
   * [batch_size,3,1024,1024] to {@code image_embeddings} and {@code image_positional_embeddings},
   * both float32 [batch_size,256,64,64]. The positional embedding is a per-model constant, as in
   * the real export; here its channels 0 and 1 hold the x and y centre of each 16x16 patch in
   * frame px (the real one is sinusoidal).
   */
  static Path writeHf(Path file) throws IOException {
    Dim batch = Dim.named("batch_size");
    OnnxGraphBuilder graph = OnnxGraphBuilder.graph("tiny_sam_vision_encoder")
        .input("pixel_values", DType.FLOAT32, batch, Dim.of(3), Dim.of(1024), Dim.of(1024))
        .output("image_embeddings", DType.FLOAT32, batch, Dim.of(256), Dim.of(64), Dim.of(64))
        .output("image_positional_embeddings", DType.FLOAT32, batch, Dim.of(256), Dim.of(64),
            Dim.of(64));
    GraphOps ops = new GraphOps(graph);
    String embeddings = embed(ops, "pixel_values");
    ops.identityTo("image_embeddings", embeddings);
    // 0 * embeddings + constant broadcasts the constant over the batch axis.
    String zero = ops.mul(embeddings, ops.scalar(0f));
    ops.nodeTo("image_positional_embeddings", "Add",
        List.of(zero, ops.floats(new long[] {1, 256, 64, 64}, patchCentres())));
    return graph.write(file);
  }

  // [B,3,1024,1024] -> 4x4 average -> R,G -> space-to-depth -> zero channels up to 256.
  private static String embed(GraphOps ops, String image) {
    String pooled = ops.node("AveragePool", List.of(image),
        OnnxAttribute.ofInts("kernel_shape", TinySam.CELL, TinySam.CELL),
        OnnxAttribute.ofInts("strides", TinySam.CELL, TinySam.CELL));
    String redGreen = ops.slice(pooled, new long[] {0}, new long[] {TinySam.COLOURS},
        new long[] {1});
    String packed = ops.node("SpaceToDepth", List.of(redGreen),
        OnnxAttribute.ofInt("blocksize", 4));
    long padChannels = 256 - TinySam.PACKED_CHANNELS;
    return ops.node("Pad", List.of(packed, ops.longs(0, 0, 0, 0, 0, padChannels, 0, 0)));
  }

  private static float[] patchCentres() {
    float[] pe = new float[256 * 64 * 64];
    for (int row = 0; row < 64; row++) {
      for (int col = 0; col < 64; col++) {
        pe[row * 64 + col] = (col + 0.5f) * 16;
        pe[64 * 64 + row * 64 + col] = (row + 0.5f) * 16;
      }
    }
    return pe;
  }
}
