package org.segfill.engine.sdxl.tokenizer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A CLIP tokenizer folder small enough to reason about by hand, laid out like the real one so
 * unmerged ids agree with CLIP's:
 *
 * <ul>
 *   <li>ids 0..255: the 256 byte symbols, printable bytes first ({@code !}..{@code ~} = 0..93,
 *       {@code ¡}..{@code ¬} = 94..105, {@code ®}..{@code ÿ} = 106..187), then the other 68
 *       bytes in increasing order (188..255: 0x00..0x20, 0x7F..0xA0, 0xAD); so the id of a
 *       printable ASCII character c is c - 33;
 *   <li>ids 256..511: the same symbols with {@code </w>} (id + 256; {@code a</w>} = 320 as in
 *       CLIP);
 *   <li>ids 512 + rank: the result of each merge in {@link #MERGES}, except merge 18;
 *   <li>49406 {@code <|startoftext|>}, 49407 {@code <|endoftext|>}.
 * </ul>
 */
final class TinyClipFolder {

  static final int BOS = 49406;
  static final int EOS = 49407;

  /** Merge rank r produces id 512 + r; the comments give the produced symbol and its id. */
  static final List<String> MERGES = List.of(
      "p h", //         0: ph 512
      "o t", //         1: ot 513
      "ot o</w>", //    2: oto</w> 514
      "ph oto</w>", //  3: photo</w> 515
      "o f</w>", //     4: of</w> 516
      "c a", //         5: ca 517
      "ca t</w>", //    6: cat</w> 518
      "b c</w>", //     7: bc</w> 519
      "a b", //         8: ab 520
      "a a", //         9: aa 521
      "' s</w>", //    10: 's</w> 522
      "' t</w>", //    11: 't</w> 523
      "2 0", //        12: 20 524
      "h e", //        13: he 525
      "l l", //        14: ll 526
      "ll o</w>", //   15: llo</w> 527
      "he llo</w>", // 16: hello</w> 528
      "! !</w>", //    17: !!</w> 529
      "q z</w>"); //   18: qz</w>, deliberately missing from the vocabulary

  private static final ObjectMapper JSON = new ObjectMapper();

  private TinyClipFolder() {}

  /** Writes vocab.json and merges.txt only: every special token takes CLIP's default. */
  static Path write(Path dir) {
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("vocab.json"), JSON.writeValueAsString(vocabulary()));
      Files.writeString(dir.resolve("merges.txt"), "#version: 0.2\n" + String.join("\n", MERGES)
          + "\n");
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Like SDXL's {@code tokenizer/}: the special-token files name EOS as the pad token. */
  static Path writeTokenizer(Path dir) {
    write(dir);
    writeSpecialFiles(dir, "<|endoftext|>");
    return dir;
  }

  /** Like SDXL's {@code tokenizer_2/}: the special-token files name {@code "!"} as the pad. */
  static Path writeTokenizer2(Path dir) {
    write(dir);
    writeSpecialFiles(dir, "!");
    return dir;
  }

  /** An SDXL bundle's two tokenizer folders under {@code root}. */
  static Path writeBundle(Path root) {
    writeTokenizer(root.resolve("tokenizer"));
    writeTokenizer2(root.resolve("tokenizer_2"));
    return root;
  }

  static void writeJson(Path file, Object value) {
    try {
      Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The byte symbols in id order, built as GPT-2's table describes. */
  static List<Character> byteSymbols() {
    List<Integer> bytes = new ArrayList<>();
    List<Character> chars = new ArrayList<>();
    for (int b = 0; b < 256; b++) {
      if ((b >= 33 && b <= 126) || (b >= 161 && b <= 172) || (b >= 174 && b <= 255)) {
        bytes.add(b);
        chars.add((char) b);
      }
    }
    int n = 0;
    for (int b = 0; b < 256; b++) {
      if (!bytes.contains(b)) {
        bytes.add(b);
        chars.add((char) (256 + n++));
      }
    }
    return chars;
  }

  // The files as transformers 4.x saves SDXL's tokenizers (markers as strings in the map, objects
  // in tokenizer_config.json's added_tokens_decoder).
  private static void writeSpecialFiles(Path dir, String pad) {
    writeJson(dir.resolve("special_tokens_map.json"), Map.of(
        "bos_token", "<|startoftext|>", "eos_token", "<|endoftext|>",
        "unk_token", "<|endoftext|>", "pad_token", pad));
    ObjectNode config = JSON.createObjectNode();
    config.put("do_lower_case", true);
    config.put("model_max_length", 77);
    config.put("pad_token", pad);
    config.put("tokenizer_class", "CLIPTokenizer");
    ObjectNode decoder = config.putObject("added_tokens_decoder");
    if (pad.equals("!")) {
      decoder.putObject("0").put("content", "!").put("special", true).put("normalized", false);
    }
    decoder.putObject("49406").put("content", "<|startoftext|>").put("special", false);
    decoder.putObject("49407").put("content", "<|endoftext|>").put("special", false);
    writeJson(dir.resolve("tokenizer_config.json"), config);
  }

  private static ObjectNode vocabulary() {
    ObjectNode vocab = JSON.createObjectNode();
    List<Character> symbols = byteSymbols();
    for (int id = 0; id < 256; id++) {
      vocab.put(String.valueOf(symbols.get(id)), id);
    }
    for (int id = 0; id < 256; id++) {
      vocab.put(symbols.get(id) + "</w>", 256 + id);
    }
    for (int rank = 0; rank < MERGES.size(); rank++) {
      String merged = MERGES.get(rank).replace(" ", "");
      if (!merged.equals("qz</w>")) {
        vocab.put(merged, 512 + rank);
      }
    }
    vocab.put("<|startoftext|>", BOS);
    vocab.put("<|endoftext|>", EOS);
    return vocab;
  }
}
