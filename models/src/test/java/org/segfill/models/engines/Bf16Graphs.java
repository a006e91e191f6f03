package org.segfill.models.engines;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.segfill.engine.backend.DType;
import org.segfill.engine.sdxl.SdxlContracts;
import org.segfill.models.onnx.Dim;
import org.segfill.models.onnx.OnnxAttribute;
import org.segfill.models.onnx.OnnxDataTypes;
import org.segfill.models.onnx.OnnxGraphBuilder;

/** Tiny ONNX graphs with bfloat16 in their weights or in their inputs and outputs. */
final class Bf16Graphs {

  /** bfloat16 bit patterns of 1.0, 0.5 and -0.25. */
  static final short ONE = 0x3F80;
  static final short HALF = 0x3F00;
  static final short MINUS_QUARTER = (short) 0xBE80;

  private static final int TO_FLOAT = OnnxDataTypes.code(DType.FLOAT32);
  private static final int TO_BF16 = OnnxDataTypes.code(DType.BFLOAT16);

  private Bf16Graphs() {}

  /** y[1,4] = x[1,4] + w with w stored in bf16 and upcast: fp32 in and out. */
  static OnnxGraphBuilder bf16WeightsFp32Io() {
    return OnnxGraphBuilder.graph("tiny_bf16_weights")
        .input("x", DType.FLOAT32, Dim.of(1), Dim.of(4))
        .bfloat16Initializer("w", new long[] {1, 4}, ONE, HALF, MINUS_QUARTER, ONE)
        .node("Cast", List.of("w"), List.of("w32"), OnnxAttribute.ofInt("to", TO_FLOAT))
        .node("Add", List.of("x", "w32"), List.of("y"))
        .output("y", DType.FLOAT32, Dim.of(1), Dim.of(4));
  }

  /** bf16 in and out (a {@code --dtype bf16} export in miniature): y = relu(x). */
  static OnnxGraphBuilder bf16Io() {
    return OnnxGraphBuilder.graph("tiny_bf16_io")
        .input("x", DType.BFLOAT16, Dim.of(1), Dim.of(4))
        .node("Cast", List.of("x"), List.of("x32"), OnnxAttribute.ofInt("to", TO_FLOAT))
        .node("Relu", List.of("x32"), List.of("y32"))
        .node("Cast", List.of("y32"), List.of("y"), OnnxAttribute.ofInt("to", TO_BF16))
        .output("y", DType.BFLOAT16, Dim.of(1), Dim.of(4));
  }

  /** fp32 in, bf16 out: the output alone is bf16. */
  static OnnxGraphBuilder bf16Output() {
    return OnnxGraphBuilder.graph("tiny_bf16_output")
        .input("x", DType.FLOAT32, Dim.of(1), Dim.of(4))
        .node("Cast", List.of("x"), List.of("y"), OnnxAttribute.ofInt("to", TO_BF16))
        .output("y", DType.BFLOAT16, Dim.of(1), Dim.of(4));
  }

  /**
   * A {@code vae_decoder/model.onnx} stand-in with the real input and output names, both bf16:
   * a 1x1 convolution from the 4 latent channels to RGB between two Casts.
   */
  static Path vaeDecoder(Path file) throws IOException {
    int latents = SdxlContracts.LATENT_CHANNELS;
    float[] weights = new float[3 * latents];
    Arrays.fill(weights, 0.5f);
    Dim batch = Dim.named("batch_size");
    return OnnxGraphBuilder.graph("tiny_bf16_vae_decoder")
        .input("latent_sample", DType.BFLOAT16, batch, Dim.of(latents),
            Dim.named("latent_height"), Dim.named("latent_width"))
        .floatInitializer("w", new long[] {3, latents, 1, 1}, weights)
        .node("Cast", List.of("latent_sample"), List.of("latent32"),
            OnnxAttribute.ofInt("to", TO_FLOAT))
        .node("Conv", List.of("latent32", "w"), List.of("sample32"))
        .node("Cast", List.of("sample32"), List.of("sample"), OnnxAttribute.ofInt("to", TO_BF16))
        .output("sample", DType.BFLOAT16, batch, Dim.of(3), Dim.named("latent_height"),
            Dim.named("latent_width"))
        .write(file);
  }
}
