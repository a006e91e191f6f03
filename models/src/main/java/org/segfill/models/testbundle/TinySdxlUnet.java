package org.segfill.models.testbundle;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.segfill.engine.backend.DType;
import org.segfill.engine.sdxl.SdxlContracts;
import org.segfill.models.onnx.Dim;
import org.segfill.models.onnx.OnnxGraphBuilder;

/**
 * Writes the tiny {@code unet/model.onnx}, with its weights (the log-sigma table and the colour
 * projection) in {@code unet/model.onnx_data} as the real export has them. It predicts
 * {@link TinySdxl#DENOISE_EFFICIENCY} of the exact epsilon toward the target of {@link TinySdxl}.
 */
final class TinySdxlUnet {

  /** Initializers from this size up go to the external data file (Optimum uses a low bar). */
  static final long EXTERNAL_MIN_BYTES = 1024;

  private static final int LATENTS = SdxlContracts.LATENT_CHANNELS;
  private static final Dim BATCH = Dim.named("batch_size");
  private static final Dim HEIGHT = Dim.named("height");
  private static final Dim WIDTH = Dim.named("width");

  private TinySdxlUnet() {}

  static Path write(Path file) throws IOException {
    OnnxGraphBuilder graph = OnnxGraphBuilder.graph("tiny_unet_inpaint")
        .input("sample", DType.FLOAT32, BATCH, Dim.of(SdxlContracts.UNET_IN_CHANNELS), HEIGHT,
            WIDTH)
        .input("timestep", DType.FLOAT32)
        .input("encoder_hidden_states", DType.FLOAT32, BATCH, Dim.named("sequence_length"),
            Dim.of(SdxlContracts.TEXT_HIDDEN + SdxlContracts.TEXT_2_HIDDEN))
        .input("text_embeds", DType.FLOAT32, BATCH, Dim.of(SdxlContracts.TEXT_2_HIDDEN))
        .input("time_ids", DType.FLOAT32, BATCH, Dim.of(6))
        .output("out_sample", DType.FLOAT32, BATCH, Dim.of(LATENTS), HEIGHT, WIDTH);
    GraphOps ops = new GraphOps(graph);

    String sigma = sigma(ops);
    String unscale = ops.unary("Sqrt", ops.add(ops.mul(sigma, sigma), ops.scalar(1f)));
    String noisy = ops.mul(channels(ops, 0, LATENTS), unscale);
    String mask = channels(ops, LATENTS, LATENTS + 1);
    String maskedImage = channels(ops, LATENTS + 1, 2 * LATENTS + 1);
    String colour = ops.unsqueeze(promptColour(ops), 2, 3);
    String target = ops.add(maskedImage, ops.mul(mask, ops.sub(colour, maskedImage)));
    String exact = ops.div(ops.sub(noisy, target), sigma);
    ops.nodeTo("out_sample", "Mul", List.of(exact, ops.scalar(TinySdxl.DENOISE_EFFICIENCY)));
    return graph.writeWithExternalData(file, EXTERNAL_MIN_BYTES);
  }

  // Rank-0 σ(t): log-linear interpolation of the training sigmas, t clamped to [0, 999].
  private static String sigma(GraphOps ops) {
    double[] sigmas = TinySdxl.trainingSigmas();
    float[] logSigmas = new float[sigmas.length];
    for (int t = 0; t < sigmas.length; t++) {
      logSigmas[t] = (float) Math.log(sigmas[t]);
    }
    String table = ops.floats(new long[] {sigmas.length}, logSigmas);
    String t = ops.clip("timestep", 0f, sigmas.length - 1);
    // The lower neighbour stops at 998 so that t = 999 reads entries 998 and 999 with weight 1.
    String lowerF = ops.unary("Floor", ops.min(t, ops.scalar(sigmas.length - 2)));
    String weight = ops.sub(t, lowerF);
    String lower = ops.cast(lowerF, DType.INT64);
    String upper = ops.add(lower, ops.longScalar(1));
    String low = ops.gather(table, lower, 0);
    String high = ops.gather(table, upper, 0);
    return ops.unary("Exp", ops.add(low, ops.mul(weight, ops.sub(high, low))));
  }

  private static String channels(GraphOps ops, long from, long to) {
    return ops.slice("sample", new long[] {from}, new long[] {to}, new long[] {1});
  }

  // [B,4]: GAIN·tanh((f − f_ref)·W + bias) + SHIFT·(time_ids/1024 − neutral), with
  // f = [mean_S(E), text_embeds] and f_ref folded into the bias.
  private static String promptColour(GraphOps ops) {
    String features = ops.concat(1, ops.reduceMean("encoder_hidden_states", false, 1),
        "text_embeds");
    String projection = ops.floats(new long[] {TinySdxl.COLOUR_FEATURES, LATENTS},
        TinySdxl.promptProjection());
    String preTanh = ops.add(ops.matMul(features, projection),
        ops.floats(new long[] {LATENTS}, TinySdxl.foldedColourBias()));
    String prompt = ops.mul(ops.unary("Tanh", preTanh),
        ops.scalar(TinySdxl.PROMPT_COLOUR_GAIN));

    float[] neutral = new float[6];
    for (int i = 0; i < 6; i++) {
      neutral[i] = TinySdxl.TIME_IDS_NEUTRAL[i] / TinySdxl.TIME_IDS_UNIT;
    }
    String timeOffset = ops.sub(ops.mul("time_ids", ops.scalar(1f / TinySdxl.TIME_IDS_UNIT)),
        ops.floats(new long[] {6}, neutral));
    float[] shift = new float[6 * LATENTS];
    for (int i = 0; i < 6; i++) {
      for (int k = 0; k < LATENTS; k++) {
        shift[i * LATENTS + k] = TinySdxl.TIME_IDS_SHIFT[k][i];
      }
    }
    String timeShift = ops.matMul(timeOffset, ops.floats(new long[] {6, LATENTS}, shift));
    return ops.add(prompt, timeShift);
  }
}
