package org.segfill.models.testbundle;

import java.io.IOException;
import java.nio.file.Path;
import org.segfill.engine.backend.DType;
import org.segfill.engine.sdxl.SdxlContracts;
import org.segfill.models.onnx.Dim;
import org.segfill.models.onnx.OnnxGraphBuilder;

/**
 * Writes the tiny {@code vae_encoder/model.onnx} and {@code vae_decoder/model.onnx}: a linear
 * colour map at 1/8 resolution with the real graphs' interfaces and scaling convention (the
 * graphs never apply {@code scaling_factor}; the caller does). Behaviour: see {@link TinySdxl}.
 */
final class TinySdxlVae {

  private static final int SCALE = SdxlContracts.VAE_SCALE;
  private static final int LATENTS = SdxlContracts.LATENT_CHANNELS;
  private static final Dim BATCH = Dim.named("batch_size");

  private TinySdxlVae() {}

  /** {@code sample} [B,3,H,W] in [−1, 1] to {@code latent_parameters} [B,8,H/8,W/8]. */
  static Path writeEncoder(Path file) throws IOException {
    OnnxGraphBuilder graph = OnnxGraphBuilder.graph("tiny_vae_encoder")
        .input("sample", DType.FLOAT32, BATCH, Dim.of(3), Dim.named("sample_height"),
            Dim.named("sample_width"))
        .output("latent_parameters", DType.FLOAT32, BATCH, Dim.of(2 * LATENTS),
            Dim.named("sample_height / 8"), Dim.named("sample_width / 8"));
    GraphOps ops = new GraphOps(graph);
    // One strided conv is block average, colour map and the constant logvar at once.
    ops.identityTo("latent_parameters", ops.conv("sample",
        ops.floats(new long[] {2 * LATENTS, 3, SCALE, SCALE}, encoderWeights()),
        ops.floats(new long[] {2 * LATENTS}, encoderBias()), SCALE));
    return graph.write(file);
  }

  /** {@code latent_sample} [B,4,h,w] (unscaled) to {@code sample} [B,3,8h,8w]. */
  static Path writeDecoder(Path file) throws IOException {
    OnnxGraphBuilder graph = OnnxGraphBuilder.graph("tiny_vae_decoder")
        .input("latent_sample", DType.FLOAT32, BATCH, Dim.of(LATENTS), Dim.named("latent_height"),
            Dim.named("latent_width"))
        .output("sample", DType.FLOAT32, BATCH, Dim.of(3), Dim.named("latent_height * 8"),
            Dim.named("latent_width * 8"));
    GraphOps ops = new GraphOps(graph);
    String colours = ops.conv("latent_sample",
        ops.floats(new long[] {3, LATENTS, 1, 1}, decoderWeights()),
        ops.floats(new long[] {3}, new float[3]), 1);
    ops.identityTo("sample", ops.resizeLinearBy(colours, 1f, 1f, SCALE, SCALE));
    return graph.write(file);
  }

  // [8,3,8,8]: mean rows = RGB_TO_LATENT / (64·0.13025) over the block; logvar rows zero.
  private static float[] encoderWeights() {
    int block = SCALE * SCALE;
    float[] w = new float[2 * LATENTS * 3 * block];
    for (int k = 0; k < LATENTS; k++) {
      for (int c = 0; c < 3; c++) {
        float value = (float) (TinySdxl.RGB_TO_LATENT[k][c]
            / (block * (double) TinySdxl.SCALING_FACTOR));
        for (int i = 0; i < block; i++) {
          w[(k * 3 + c) * block + i] = value;
        }
      }
    }
    return w;
  }

  private static float[] encoderBias() {
    float[] bias = new float[2 * LATENTS];
    for (int k = LATENTS; k < 2 * LATENTS; k++) {
      bias[k] = TinySdxl.LOGVAR;
    }
    return bias;
  }

  // [3,4,1,1] = 0.13025·pinv(RGB_TO_LATENT): the input is unscaled.
  private static float[] decoderWeights() {
    double[][] inverse = TinySdxl.latentToRgb();
    float[] w = new float[3 * LATENTS];
    for (int c = 0; c < 3; c++) {
      for (int k = 0; k < LATENTS; k++) {
        w[c * LATENTS + k] = (float) (inverse[c][k] * TinySdxl.SCALING_FACTOR);
      }
    }
    return w;
  }
}
