package org.segfill.engine.sdxl.tokenizer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The two tokenizers of an SDXL bundle: {@code tokenizer/} for CLIP ViT-L (pads with EOS, 49407)
 * and {@code tokenizer_2/} for OpenCLIP bigG (pads with {@code "!"}, id 0, and so also cuts every
 * {@code "!"} in a prompt out as id 0).
 *
 * @param tokenizer the tokenizer of {@code text_encoder}
 * @param tokenizer2 the tokenizer of {@code text_encoder_2}
 */
public record SdxlTokenizers(ClipTokenizer tokenizer, ClipTokenizer tokenizer2) {

  public SdxlTokenizers {
    Objects.requireNonNull(tokenizer, "tokenizer");
    Objects.requireNonNull(tokenizer2, "tokenizer2");
  }

  /**
   * Reads {@code bundle/tokenizer} and {@code bundle/tokenizer_2}.
   *
   * @throws IllegalArgumentException naming the folder or file that is missing or malformed
   */
  public static SdxlTokenizers load(Path bundle) {
    if (bundle == null) {
      throw new IllegalArgumentException("bundle: must not be null");
    }
    if (!Files.isDirectory(bundle)) {
      throw new IllegalArgumentException(bundle + ": not a directory; an SDXL bundle holds"
          + " tokenizer/ and tokenizer_2/");
    }
    return new SdxlTokenizers(ClipTokenizer.load(bundle.resolve("tokenizer")),
        ClipTokenizer.load(bundle.resolve("tokenizer_2")));
  }
}
