package org.segfill.models.testbundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The tokenizer folders hold a CLIP BPE vocabulary laid out like the real one. The BPE here is
 * written from the written files alone, independently of {@link TinyClipVocab}.
 */
class TinyClipVocabTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void baseSymbolsSpecialsAndMergeIdsFollowTheRealLayout() throws IOException {
    Map<String, Integer> vocab = vocab("tokenizer");
    assertEquals(0, vocab.get("!"));
    assertEquals(256, vocab.get("!</w>"));
    // Same ids as the real CLIP vocabulary for the single-byte words.
    assertEquals(320, vocab.get("a</w>"));
    assertEquals(64, vocab.get("a"));
    assertEquals(49406, vocab.get("<|startoftext|>"));
    assertEquals(49407, vocab.get("<|endoftext|>"));
    // Byte 0, the first unprintable byte, maps to U+0100 after the 188 printable ones.
    assertEquals("\u0100", key(vocab, 188));
    List<String[]> merges = merges("tokenizer");
    assertEquals(vocab.size(), 512 + merges.size() + 2);
    for (int rank = 0; rank < merges.size(); rank++) {
      String[] pair = merges.get(rank);
      assertEquals(512 + rank, vocab.get(pair[0] + pair[1]), "merge " + rank);
    }
    Set<Integer> ids = new HashSet<>(vocab.values());
    assertEquals(vocab.size(), ids.size(), "ids are unique");
    for (Map.Entry<String, Integer> entry : vocab.entrySet()) {
      if (!entry.getKey().startsWith("<|")) {
        assertTrue(entry.getValue() < 49406, entry.getKey() + " = " + entry.getValue());
      }
    }
  }

  @Test
  void everyListedWordIsOneTokenAndOtherWordsFallApartIntoKnownPieces() throws IOException {
    Map<String, Integer> vocab = vocab("tokenizer");
    Map<String, Integer> ranks = ranks(merges("tokenizer"));
    List<String> words = TinyClipVocab.words();
    assertTrue(words.size() >= 250, "a few hundred words: " + words.size());
    for (String word : words) {
      assertEquals(List.of(word + "</w>"), bpe(word, ranks), word);
    }
    for (String word : List.of("sitting", "zebra", "xylophone")) {
      List<String> pieces = bpe(word, ranks);
      assertTrue(pieces.size() > 1, word + " -> " + pieces);
      for (String piece : pieces) {
        assertTrue(vocab.containsKey(piece), word + ": " + piece);
      }
    }
  }

  @Test
  void bothFoldersShareTheVocabularyAndDifferInThePadToken() throws IOException {
    Path bundle = SdxlBundleFixture.bundle();
    for (String file : List.of("vocab.json", "merges.txt")) {
      assertArrayEquals(Files.readAllBytes(bundle.resolve("tokenizer/" + file)),
          Files.readAllBytes(bundle.resolve("tokenizer_2/" + file)), file);
    }
    assertTrue(Files.readAllLines(bundle.resolve("tokenizer/merges.txt")).get(0)
        .startsWith("#version"));

    JsonNode clipL = JSON.readTree(bundle.resolve("tokenizer/tokenizer_config.json").toFile());
    assertEquals("<|endoftext|>", clipL.get("pad_token").asText());
    assertEquals(77, clipL.get("model_max_length").asInt());
    assertTrue(clipL.get("do_lower_case").asBoolean());
    assertEquals("<|endoftext|>", JSON.readTree(bundle.resolve(
        "tokenizer/special_tokens_map.json").toFile()).get("pad_token").asText());

    JsonNode bigG = JSON.readTree(bundle.resolve("tokenizer_2/tokenizer_config.json").toFile());
    assertEquals("!", bigG.get("pad_token").asText());
    // "!" is a registered special token of tokenizer_2 (contract B2), id 0.
    JsonNode bang = bigG.get("added_tokens_decoder").get("0");
    assertEquals("!", bang.get("content").asText());
    assertTrue(bang.get("special").asBoolean());
    assertEquals("!", JSON.readTree(bundle.resolve(
        "tokenizer_2/special_tokens_map.json").toFile()).get("pad_token").asText());
  }

  private static Map<String, Integer> vocab(String folder) throws IOException {
    JsonNode node = JSON.readTree(SdxlBundleFixture.bundle().resolve(folder)
        .resolve("vocab.json").toFile());
    Map<String, Integer> vocab = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      vocab.put(entry.getKey(), entry.getValue().asInt());
    }
    return vocab;
  }

  private static List<String[]> merges(String folder) throws IOException {
    List<String> lines = Files.readAllLines(SdxlBundleFixture.bundle().resolve(folder)
        .resolve("merges.txt"), StandardCharsets.UTF_8);
    List<String[]> merges = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      merges.add(line.split(" "));
    }
    return merges;
  }

  private static Map<String, Integer> ranks(List<String[]> merges) {
    Map<String, Integer> ranks = new HashMap<>();
    for (int i = 0; i < merges.size(); i++) {
      ranks.put(merges.get(i)[0] + " " + merges.get(i)[1], i);
    }
    return ranks;
  }

  // OpenAI CLIP's bpe(): merge the best-ranked adjacent pair, every occurrence, until none.
  private static List<String> bpe(String word, Map<String, Integer> ranks) {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < word.length(); i++) {
      parts.add(word.charAt(i) + (i == word.length() - 1 ? "</w>" : ""));
    }
    while (true) {
      String best = null;
      int bestRank = Integer.MAX_VALUE;
      for (int i = 0; i + 1 < parts.size(); i++) {
        Integer rank = ranks.get(parts.get(i) + " " + parts.get(i + 1));
        if (rank != null && rank < bestRank) {
          bestRank = rank;
          best = parts.get(i) + " " + parts.get(i + 1);
        }
      }
      if (best == null) {
        return parts;
      }
      String[] pair = best.split(" ");
      List<String> merged = new ArrayList<>();
      for (int i = 0; i < parts.size(); i++) {
        boolean match = i + 1 < parts.size() && parts.get(i).equals(pair[0])
            && parts.get(i + 1).equals(pair[1]);
        merged.add(match ? pair[0] + pair[1] : parts.get(i));
        i += match ? 1 : 0;
      }
      parts = merged;
    }
  }

  private static String key(Map<String, Integer> vocab, int id) {
    return vocab.entrySet().stream().filter(e -> e.getValue() == id).map(Map.Entry::getKey)
        .findFirst().orElseThrow();
  }
}
