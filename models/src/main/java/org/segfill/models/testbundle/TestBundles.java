package org.segfill.models.testbundle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes segfill's tiny test bundles: stand-in graphs with the exact file names, input and output
 * names, ranks and dtypes of the real exports, and tiny but real compute ({@link TinySam},
 * {@link TinySdxl}). They are generated at build or test time and never committed.
 *
 * <pre>{@code
 * Path root = TestBundles.writeSam(Files.createTempDirectory("bundles"));
 * // root/sam-onnx/{encoder,decoder}.onnx
 * // root/sam-hf/{vision_encoder,prompt_encoder_mask_decoder}.onnx  (Optimum export)
 * // root/sam-hf-onnx-dir/onnx/...                                   (transformers.js layout)
 * TestBundles.writeSdxl(root);
 * // root/sdxl/model_index.json, scheduler/, tokenizer/, tokenizer_2/, text_encoder/,
 * //   text_encoder_2/, unet/ (model.onnx + model.onnx_data), vae_encoder/, vae_decoder/
 * }</pre>
 */
public final class TestBundles {

  /** Folder of the tiny SDXL inpainting bundle (Optimum layout, contract E1a). */
  public static final String SDXL = "sdxl";
  /** Folder of the tiny bundle in the sam-onnx layout. */
  public static final String SAM_ONNX = "sam-onnx";
  /** Folder of the tiny bundle in the hf layout, graphs at the root (Optimum's output). */
  public static final String SAM_HF = "sam-hf";
  /** Folder of the tiny bundle in the hf layout, graphs under onnx/ (transformers.js). */
  public static final String SAM_HF_ONNX_DIR = "sam-hf-onnx-dir";

  private TestBundles() {}

  /** Writes every tiny SAM bundle under {@code root} and returns {@code root}. */
  public static Path writeSam(Path root) throws IOException {
    Path samOnnx = Files.createDirectories(root.resolve(SAM_ONNX));
    TinySamEncoder.writeSamOnnx(samOnnx.resolve("encoder.onnx"));
    TinySamOnnxDecoder.write(samOnnx.resolve("decoder.onnx"));
    writeText(samOnnx.resolve("segfill-bundle.json"),
        "{\"layout\": \"sam-onnx\", \"model\": \"segfill tiny test SAM\"}\n");

    writeHf(Files.createDirectories(root.resolve(SAM_HF)));
    Path hfOnnxDir = Files.createDirectories(root.resolve(SAM_HF_ONNX_DIR));
    writeHf(Files.createDirectories(hfOnnxDir.resolve("onnx")));
    for (Path dir : List.of(root.resolve(SAM_HF), hfOnnxDir)) {
      writeText(dir.resolve("config.json"), "{\"model_type\": \"sam\", \"_name_or_path\":"
          + " \"segfill tiny test SAM\"}\n");
    }
    writeText(root.resolve("README.txt"), "Tiny stand-in SAM bundles written by segfill"
        + " make-test-bundles for tests and benchmarks. They have the real exports' file names"
        + " and tensor interfaces but segment by colour; they are not SAM.\n");
    return root;
  }

  /**
   * Writes the tiny SDXL Inpainting 0.1 bundle to {@code root/sdxl/} in the Optimum ONNX layout
   * and returns that folder. Behaviour and constants: {@link TinySdxl}.
   */
  public static Path writeSdxl(Path root) throws IOException {
    Path dir = Files.createDirectories(root.resolve(SDXL));
    TinySdxlConfigs.write(dir);
    TinyClipVocab vocab = TinyClipVocab.build();
    TinyClipTokenizerFiles.write(dir.resolve("tokenizer"), vocab,
        TinyClipTokenizerFiles.CLIP_L_PAD);
    TinyClipTokenizerFiles.write(dir.resolve("tokenizer_2"), vocab,
        TinyClipTokenizerFiles.BIG_G_PAD);
    TinyClipTextEncoder.writeClipL(dir.resolve("text_encoder/model.onnx"));
    TinyClipTextEncoder.writeBigG(dir.resolve("text_encoder_2/model.onnx"));
    TinySdxlUnet.write(dir.resolve("unet/model.onnx"));
    TinySdxlVae.writeEncoder(dir.resolve("vae_encoder/model.onnx"));
    TinySdxlVae.writeDecoder(dir.resolve("vae_decoder/model.onnx"));
    return dir;
  }

  private static void writeHf(Path dir) throws IOException {
    TinySamEncoder.writeHf(dir.resolve("vision_encoder.onnx"));
    TinyHfSamDecoder.write(dir.resolve("prompt_encoder_mask_decoder.onnx"));
  }

  private static void writeText(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }
}
