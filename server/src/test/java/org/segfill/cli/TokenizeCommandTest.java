package org.segfill.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code segfill tokenize}, through the CLI, on a hand-made vocabulary. */
class TokenizeCommandTest {

  // Ids as in CLIP: "!" 0, "a" 64, "c" 66, "!</w>" 256, "a</w>" 320; merges "c a" -> "ca" and
  // "ca t</w>" -> "cat</w>", "! !</w>" -> "!!</w>". Other symbols are unknown (-> 49407).
  private static final String VOCAB = "{\"!\": 0, \"a\": 64, \"c\": 66, \"!</w>\": 256,"
      + " \"a</w>\": 320, \"t</w>\": 339, \"ca\": 517, \"cat</w>\": 518, \"!!</w>\": 529,"
      + " \"<|startoftext|>\": 49406, \"<|endoftext|>\": 49407}";
  private static final String MERGES = "#version: 0.2\nc a\nca t</w>\n! !</w>\n";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path bundle;

  @BeforeEach
  void writeBundle() throws IOException {
    writeFolder(bundle.resolve("tokenizer"), "<|endoftext|>");
    writeFolder(bundle.resolve("tokenizer_2"), "!");
  }

  private static void writeFolder(Path dir, String pad) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("vocab.json"), VOCAB);
    Files.writeString(dir.resolve("merges.txt"), MERGES);
    Files.writeString(dir.resolve("special_tokens_map.json"),
        "{\"bos_token\": \"<|startoftext|>\", \"eos_token\": \"<|endoftext|>\","
            + " \"unk_token\": \"<|endoftext|>\", \"pad_token\": \"" + pad + "\"}");
  }

  private static List<Long> ids(JsonNode array) {
    List<Long> ids = new ArrayList<>();
    array.forEach(id -> ids.add(id.asLong()));
    return ids;
  }

  private static List<Long> padded(long pad, long... ids) {
    List<Long> out = new ArrayList<>();
    for (long id : ids) {
      out.add(id);
    }
    while (out.size() < 77) {
      out.add(pad);
    }
    return out;
  }

  private static List<String> fieldNames(JsonNode json) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }

  @Test
  void sdxlModePrintsBothTokenizersOnOneLine() throws IOException {
    CliRun run = CliRun.of("tokenize", "--sdxl", bundle.toString(), "--text", "A cat!!");
    assertEquals(0, run.exit(), run.err());
    assertEquals(1, run.out().strip().lines().count(), run.out());
    JsonNode json = JSON.readTree(run.out());
    assertEquals(List.of("tokenizer", "tokenizer_2", "tokens", "truncated"), fieldNames(json));
    // tokenizer: "!!" is one word, merged to !!</w>; pads with EOS.
    assertEquals(padded(49407, 49406, 320, 518, 529, 49407), ids(json.get("tokenizer")));
    // tokenizer_2: each "!" is its own token 0; pads with 0.
    assertEquals(padded(0, 49406, 320, 518, 0, 0, 49407), ids(json.get("tokenizer_2")));
    // The longer of the two counts.
    assertEquals(6, json.get("tokens").asInt());
    assertFalse(json.get("truncated").asBoolean());
  }

  @Test
  void tokenizerDirModePrintsOneTokenizer() throws IOException {
    CliRun run = CliRun.of("tokenize", "--tokenizer-dir", bundle.resolve("tokenizer_2").toString(),
        "--text", "a cat");
    assertEquals(0, run.exit(), run.err());
    JsonNode json = JSON.readTree(run.out());
    assertEquals(List.of("tokenizer", "tokens", "truncated"), fieldNames(json));
    assertEquals(padded(0, 49406, 320, 518, 49407), ids(json.get("tokenizer")));
    assertEquals(4, json.get("tokens").asInt());
  }

  @Test
  void aBareFolderPadsWithEndOfText() throws IOException {
    Files.delete(bundle.resolve("tokenizer_2/special_tokens_map.json"));
    CliRun run = CliRun.of("tokenize", "--tokenizer-dir", bundle.resolve("tokenizer_2").toString(),
        "--text", "");
    assertEquals(0, run.exit(), run.err());
    JsonNode json = JSON.readTree(run.out());
    assertEquals(padded(49407, 49406, 49407), ids(json.get("tokenizer")));
    assertEquals(2, json.get("tokens").asInt());
  }

  @Test
  void aLongPromptIsTruncated() throws IOException {
    CliRun run = CliRun.of("tokenize", "--sdxl", bundle.toString(), "--text", "cat ".repeat(100));
    assertEquals(0, run.exit(), run.err());
    JsonNode json = JSON.readTree(run.out());
    assertEquals(77, json.get("tokens").asInt());
    assertTrue(json.get("truncated").asBoolean());
    assertEquals(49407, json.get("tokenizer_2").get(76).asLong());
  }

  @Test
  void exactlyOneOfTheFolderFlagsIsRequired() {
    CliRun both = CliRun.of("tokenize", "--sdxl", bundle.toString(), "--tokenizer-dir",
        bundle.resolve("tokenizer").toString(), "--text", "a");
    assertEquals(Main.BAD_INPUT, both.exit());
    assertEquals("segfill tokenize: --sdxl, --tokenizer-dir: give exactly one, both were given",
        both.err().strip());
    CliRun neither = CliRun.of("tokenize", "--text", "a");
    assertEquals(Main.BAD_INPUT, neither.exit());
    assertEquals("segfill tokenize: --sdxl, --tokenizer-dir: give exactly one, neither was given",
        neither.err().strip());
    assertEquals("", both.out() + neither.out());
  }

  @Test
  void aMissingFolderIsNamedWithItsFlag() {
    Path nowhere = bundle.resolve("nowhere");
    CliRun sdxl = CliRun.of("tokenize", "--sdxl", nowhere.toString(), "--text", "a");
    assertEquals(Main.BAD_INPUT, sdxl.exit());
    assertEquals("segfill tokenize: --sdxl: " + nowhere + " is not a directory",
        sdxl.err().strip());
    CliRun dir = CliRun.of("tokenize", "--tokenizer-dir", nowhere.toString(), "--text", "a");
    assertEquals(Main.BAD_INPUT, dir.exit());
    assertTrue(dir.err().contains("--tokenizer-dir: " + nowhere), dir.err());
  }

  @Test
  void aBrokenBundleNamesTheFileAndLine() throws IOException {
    Files.writeString(bundle.resolve("tokenizer_2/merges.txt"), "#version: 0.2\nc a\ncat\n");
    CliRun broken = CliRun.of("tokenize", "--sdxl", bundle.toString(), "--text", "a");
    assertEquals(Main.BAD_INPUT, broken.exit());
    assertTrue(broken.err().contains(bundle.resolve("tokenizer_2/merges.txt") + " line 3:"),
        broken.err());
    assertEquals(1, broken.err().strip().lines().count(), broken.err());

    Files.delete(bundle.resolve("tokenizer/vocab.json"));
    CliRun missing = CliRun.of("tokenize", "--sdxl", bundle.toString(), "--text", "a");
    assertEquals(Main.BAD_INPUT, missing.exit());
    assertTrue(missing.err().contains(bundle.resolve("tokenizer/vocab.json") + ": missing"),
        missing.err());
  }

  @Test
  void theTextFlagIsRequired() {
    CliRun run = CliRun.of("tokenize", "--sdxl", bundle.toString());
    assertEquals(Main.BAD_INPUT, run.exit());
    assertTrue(run.err().contains("--text"), run.err());
  }
}
