package org.segfill.models.engines;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.segfill.engine.backend.DType;
import org.segfill.engine.sdxl.SdxlContracts;
import org.segfill.models.onnx.Dim;
import org.segfill.models.onnx.OnnxAttribute;
import org.segfill.models.onnx.OnnxDataTypes;
import org.segfill.models.onnx.OnnxGraphBuilder;

/** Tiny fp16 ONNX graphs typed as fp16 exports are: the test bundles have no fp16 variant. */
final class Fp16Graphs {

  /** IEEE half bit patterns of 1.0, 0.5 and -0.25. */
  static final short ONE = 0x3C00;
  static final short HALF = 0x3800;
  static final short MINUS_QUARTER = (short) 0xB400;

  private Fp16Graphs() {}

  /** y[1,4] = x[1,4] + w, all fp16: an Optimum {@code --dtype fp16} export in miniature. */
  static OnnxGraphBuilder allFp16() {
    return OnnxGraphBuilder.graph("tiny_fp16")
        .input("x", DType.FLOAT16, Dim.of(1), Dim.of(4))
        .halfInitializer("w", new long[] {1, 4}, ONE, HALF, MINUS_QUARTER, ONE)
        .node("Add", List.of("x", "w"), List.of("y"))
        .output("y", DType.FLOAT16, Dim.of(1), Dim.of(4));
  }

  /**
   * The same sum with fp32 inputs and outputs around fp16 weights, as converters that keep the
   * I/O types write it.
   */
  static OnnxGraphBuilder fp16WeightsFp32Io() {
    return OnnxGraphBuilder.graph("tiny_fp16_weights")
        .input("x", DType.FLOAT32, Dim.of(1), Dim.of(4))
        .halfInitializer("w", new long[] {1, 4}, ONE, HALF, MINUS_QUARTER, ONE)
        .node("Cast", List.of("x"), List.of("x16"),
            OnnxAttribute.ofInt("to", OnnxDataTypes.code(DType.FLOAT16)))
        .node("Add", List.of("x16", "w"), List.of("y16"))
        .node("Cast", List.of("y16"), List.of("y"),
            OnnxAttribute.ofInt("to", OnnxDataTypes.code(DType.FLOAT32)))
        .output("y", DType.FLOAT32, Dim.of(1), Dim.of(4));
  }

  /**
   * An fp16 {@code vae_decoder/model.onnx} stand-in with the real input and output names: a 1x1
   * convolution from the 4 latent channels to RGB, fp16 throughout.
   */
  static Path vaeDecoder(Path file) throws IOException {
    int latents = SdxlContracts.LATENT_CHANNELS;
    short[] weights = new short[3 * latents];
    java.util.Arrays.fill(weights, HALF);
    Dim batch = Dim.named("batch_size");
    return OnnxGraphBuilder.graph("tiny_fp16_vae_decoder")
        .input("latent_sample", DType.FLOAT16, batch, Dim.of(latents),
            Dim.named("latent_height"), Dim.named("latent_width"))
        .halfInitializer("w", new long[] {3, latents, 1, 1}, weights)
        .node("Conv", List.of("latent_sample", "w"), List.of("sample"))
        .output("sample", DType.FLOAT16, batch, Dim.of(3), Dim.named("latent_height"),
            Dim.named("latent_width"))
        .write(file);
  }
}
