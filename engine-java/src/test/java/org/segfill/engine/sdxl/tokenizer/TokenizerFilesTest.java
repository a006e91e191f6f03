package org.segfill.engine.sdxl.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.segfill.engine.sdxl.tokenizer.ClipTokenizerTest.assertEncodes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Missing and malformed tokenizer files: every message names the file, and the line if any. */
class TokenizerFilesTest {

  @TempDir Path dir;

  private String loadError() {
    return assertThrows(IllegalArgumentException.class, () -> ClipTokenizer.load(dir))
        .getMessage();
  }

  private static void assertContains(String expected, String message) {
    assertTrue(message.contains(expected), "expected '" + expected + "' in: " + message);
  }

  @Test
  void aMissingFolderOrFileIsNamed() throws IOException {
    Path nowhere = dir.resolve("nowhere");
    String folder = assertThrows(IllegalArgumentException.class,
        () -> ClipTokenizer.load(nowhere)).getMessage();
    assertContains(nowhere + ": not a directory", folder);

    TinyClipFolder.write(dir);
    Files.delete(dir.resolve("merges.txt"));
    assertContains(dir.resolve("merges.txt") + ": missing", loadError());
    Files.delete(dir.resolve("vocab.json"));
    assertContains(dir.resolve("vocab.json") + ": missing", loadError());
  }

  @Test
  void malformedVocabularyJsonGivesFileAndLine() throws IOException {
    TinyClipFolder.write(dir);
    Files.writeString(dir.resolve("vocab.json"), "{\n  \"a\": 0,\n  \"b\": ,\n  \"c\": 2\n}\n");
    assertContains(dir.resolve("vocab.json") + " line 3: malformed JSON", loadError());
  }

  @Test
  void aVocabularyIdThatIsNoIntegerGivesTokenAndLine() throws IOException {
    TinyClipFolder.write(dir);
    Files.writeString(dir.resolve("vocab.json"), "{\n  \"a\": 0,\n  \"b\": \"one\"\n}\n");
    assertContains(dir.resolve("vocab.json") + " line 3: the id of token 'b' is not an integer",
        loadError());
    Files.writeString(dir.resolve("vocab.json"), "{\"a\": -1}");
    assertContains("the id of token 'a' is not an integer", loadError());
    Files.writeString(dir.resolve("vocab.json"), "[\"a\"]");
    assertContains(dir.resolve("vocab.json") + " line 1: expected one JSON object", loadError());
  }

  @Test
  void aMalformedMergesLineGivesFileAndLine() throws IOException {
    TinyClipFolder.write(dir);
    Path merges = dir.resolve("merges.txt");
    Files.writeString(merges, "#version: 0.2\np h\no t\nbroken\nc a\n");
    assertContains(merges + " line 4: expected two symbols separated by a space, found 'broken'",
        loadError());
    Files.writeString(merges, "#version: 0.2\np h\na b c\n");
    assertContains(merges + " line 3: expected two symbols", loadError());
    Files.writeString(merges, "#version: 0.2\np h\n\no t\n");
    assertContains(merges + " line 3: expected two symbols", loadError());
  }

  @Test
  void mergesWithoutTheHeaderAreRefusedRatherThanLosingTheirFirstMerge() throws IOException {
    TinyClipFolder.write(dir);
    Path merges = dir.resolve("merges.txt");
    Files.writeString(merges, "\n\np h\no t\n");
    assertContains(merges + " line 3: expected the '#version: 0.2' header, found 'p h'",
        loadError());
  }

  @Test
  void windowsLineEndingsAndTrailingBlankLinesAreFine() throws IOException {
    TinyClipFolder.write(dir);
    Files.writeString(dir.resolve("merges.txt"),
        "#version: 0.2\r\n" + String.join("\r\n", TinyClipFolder.MERGES) + "\r\n\r\n\n");
    assertEncodes(ClipTokenizer.load(dir), "a photo of a cat", 320, 515, 516, 320, 518);
  }

  @Test
  void onlyTheFirst48894MergesCount() throws IOException {
    TinyClipFolder.write(dir);
    // CLIP's file format: merges past 49152 - 256 - 2 are never read. Fill the allowed ones with
    // a pair that never occurs, then put "c a" and "ca t</w>" past the limit.
    StringBuilder merges = new StringBuilder("#version: 0.2\n");
    merges.append("\u0100 \u0100\n".repeat(MergeRanks.MAX_MERGES));
    merges.append("c a\nca t</w>\n");
    Files.writeString(dir.resolve("merges.txt"), merges);
    assertEquals(48894, MergeRanks.MAX_MERGES);
    // cat: c 66, a 64, t</w> 339, unmerged.
    assertEncodes(ClipTokenizer.load(dir), "cat", 66, 64, 339);
  }

  @Test
  void malformedSpecialTokenFilesAreNamed() throws IOException {
    TinyClipFolder.write(dir);
    Path map = dir.resolve("special_tokens_map.json");
    Files.writeString(map, "{\n  \"pad_token\": \"!\"\n  \"bos_token\": \"x\"\n}");
    assertContains(map + " line 3: malformed JSON", loadError());

    Files.writeString(map, "{\"pad_token\": 7}");
    assertContains(map + ": pad_token: expected a token string or an object", loadError());

    Files.writeString(map, "{\"pad_token\": {\"content\": \"!\", \"single_word\": true}}");
    assertContains(map + ": pad_token: single_word tokens are not supported", loadError());

    Files.writeString(map, "{\"pad_token\": \"<pad>\"}");
    assertContains(": pad_token '<pad>' is neither in vocab.json nor given an id", loadError());
    Files.delete(map);

    Path config = dir.resolve("tokenizer_config.json");
    TinyClipFolder.writeJson(config, Map.of("added_tokens_decoder", Map.of("zero",
        Map.of("content", "!"))));
    assertContains(config + ": added_tokens_decoder.zero: the key is not a token id",
        loadError());
  }
}
