package org.segfill.models.testbundle;

import static org.segfill.models.testbundle.JsonFiles.object;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@code tokenizer/} or {@code tokenizer_2/} folder as CLIPTokenizer.save_pretrained
 * does for SDXL: {@code vocab.json}, {@code merges.txt} (with its {@code #version} header),
 * {@code special_tokens_map.json} and {@code tokenizer_config.json}, over the synthetic
 * {@link TinyClipVocab}. The two folders differ only in the pad token: {@code <|endoftext|>}
 * (49407) for CLIP-L, {@code "!"} (id 0, a registered special token) for bigG (contract B1, B2).
 */
final class TinyClipTokenizerFiles {

  /** Pad token of {@code tokenizer/}. */
  static final String CLIP_L_PAD = TinyClipVocab.EOS_TOKEN;
  /** Pad token of {@code tokenizer_2/}. */
  static final String BIG_G_PAD = "!";

  private TinyClipTokenizerFiles() {}

  static void write(Path dir, TinyClipVocab vocab, String padToken) throws IOException {
    Files.createDirectories(dir);
    JsonFiles.write(dir.resolve("vocab.json"), vocab.ids());
    List<String> merges = new ArrayList<>();
    merges.add("#version: 0.2");
    for (String[] pair : vocab.merges()) {
      merges.add(pair[0] + " " + pair[1]);
    }
    Files.writeString(dir.resolve("merges.txt"), String.join("\n", merges) + "\n",
        StandardCharsets.UTF_8);
    JsonFiles.write(dir.resolve("special_tokens_map.json"), object(
        "bos_token", TinyClipVocab.BOS_TOKEN,
        "eos_token", TinyClipVocab.EOS_TOKEN,
        "pad_token", padToken,
        "unk_token", TinyClipVocab.EOS_TOKEN));
    JsonFiles.write(dir.resolve("tokenizer_config.json"), tokenizerConfig(vocab, padToken));
  }

  private static Map<String, Object> tokenizerConfig(TinyClipVocab vocab, String padToken) {
    Map<String, Object> added = object();
    if (!padToken.equals(TinyClipVocab.EOS_TOKEN)) {
      added.put(Integer.toString(vocab.ids().get(padToken)), addedToken(padToken, false, true));
    }
    added.put(Integer.toString(TinyClipVocab.BOS),
        addedToken(TinyClipVocab.BOS_TOKEN, true, false));
    added.put(Integer.toString(TinyClipVocab.EOS),
        addedToken(TinyClipVocab.EOS_TOKEN, false, false));
    return object(
        "add_prefix_space", false,
        "added_tokens_decoder", added,
        "additional_special_tokens", List.of(),
        "bos_token", TinyClipVocab.BOS_TOKEN,
        "clean_up_tokenization_spaces", true,
        "do_lower_case", true,
        "eos_token", TinyClipVocab.EOS_TOKEN,
        "errors", "replace",
        "model_max_length", 77,
        "pad_token", padToken,
        "tokenizer_class", "CLIPTokenizer",
        "unk_token", TinyClipVocab.EOS_TOKEN);
  }

  private static Map<String, Object> addedToken(String content, boolean normalized,
      boolean special) {
    return object("content", content, "lstrip", false, "normalized", normalized,
        "rstrip", false, "single_word", false, "special", special);
  }
}
