package org.segfill.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.segfill.engine.sdxl.tokenizer.ClipTokenizer;
import org.segfill.engine.sdxl.tokenizer.SdxlTokenizers;
import org.segfill.engine.sdxl.tokenizer.Tokens;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code segfill tokenize}: a prompt's CLIP input ids, as one line of JSON. */
@Command(
    name = "tokenize",
    mixinStandardHelpOptions = true,
    description = "Print a prompt's 77 input ids as one JSON line. With --sdxl:"
        + " {\"tokenizer\":[...],\"tokenizer_2\":[...],\"tokens\":n,\"truncated\":b}, where tokens"
        + " counts the real ids (BOS and EOS included) of the longer of the two and truncated"
        + " says whether either lost words past 75 tokens. With --tokenizer-dir:"
        + " {\"tokenizer\":[...],\"tokens\":n,\"truncated\":b}.")
final class TokenizeCommand implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec private CommandSpec spec;

  @Option(names = "--sdxl", paramLabel = "DIR",
      description = "An SDXL bundle: reads DIR/tokenizer and DIR/tokenizer_2.")
  private Path sdxl;

  @Option(names = "--tokenizer-dir", paramLabel = "DIR",
      description = "One tokenizer folder holding vocab.json and merges.txt (and optionally"
          + " special_tokens_map.json, tokenizer_config.json).")
  private Path tokenizerDir;

  @Option(names = "--text", required = true, paramLabel = "TEXT",
      description = "The prompt; may be empty.")
  private String text;

  @Override
  public Integer call() throws Exception {
    if ((sdxl == null) == (tokenizerDir == null)) {
      throw new IllegalArgumentException("--sdxl, --tokenizer-dir: give exactly one, "
          + (sdxl == null ? "neither was given" : "both were given"));
    }
    ObjectNode json = JSON.createObjectNode();
    if (sdxl != null) {
      SdxlTokenizers tokenizers = SdxlTokenizers.load(directory("--sdxl", sdxl));
      Tokens first = tokenizers.tokenizer().encode(text);
      Tokens second = tokenizers.tokenizer2().encode(text);
      putIds(json.putArray("tokenizer"), first);
      putIds(json.putArray("tokenizer_2"), second);
      json.put("tokens", Math.max(first.count(), second.count()));
      json.put("truncated", first.truncated() || second.truncated());
    } else {
      Tokens tokens = ClipTokenizer.load(directory("--tokenizer-dir", tokenizerDir)).encode(text);
      putIds(json.putArray("tokenizer"), tokens);
      json.put("tokens", tokens.count());
      json.put("truncated", tokens.truncated());
    }
    spec.commandLine().getOut().println(JSON.writeValueAsString(json));
    return 0;
  }

  private static Path directory(String flag, Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException(flag + ": " + dir + " is not a directory");
    }
    return dir;
  }

  private static void putIds(ArrayNode array, Tokens tokens) {
    for (long id : tokens.ids()) {
      array.add(id);
    }
  }
}
