package org.segfill.engine.sdxl.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class PreTokenizerTest {

  @Test
  void splitsContractionsOffTheirWords() {
    assertEquals(List.of("it", "'s", "don", "'t", "we", "'ll", "i", "'m", "they", "'re", "i",
        "'ve", "i", "'d"), PreTokenizer.words("it's don't we'll i'm they're i've i'd"));
  }

  @Test
  void aContractionMatchesCaseInsensitivelyLikeTheReference() {
    // ſ (long s) has upper case S, so Python's IGNORECASE matches it against 's as well.
    assertEquals(List.of("it", "'\u017f"), PreTokenizer.words("it'\u017f"));
  }

  @Test
  void everyDigitIsAWordOfItsOwn() {
    assertEquals(List.of("2", "0", "2", "4", "abc", "1", "2"),
        PreTokenizer.words("2024 abc12"));
  }

  @Test
  void punctuationRunsStayTogetherAndSeparateFromLetters() {
    assertEquals(List.of("hello", "!!", "world", "?!", "x", "-", "ray", "...", "''", "s"),
        PreTokenizer.words("hello!!world?! x-ray ... ''s"));
  }

  @Test
  void lettersOfAnyScriptFormOneWord() {
    assertEquals(List.of("caf\u00e9", "\u03bf\u03b4\u03bf\u03c2", "\u306e\u306e"),
        PreTokenizer.words("caf\u00e9 \u03bf\u03b4\u03bf\u03c2 \u306e\u306e"));
  }

  @Test
  void emojiAreSymbolRunsSeparateFromLetters() {
    assertEquals(List.of("cat", "\ud83d\ude00\ud83d\ude00", "dog"),
        PreTokenizer.words("cat\ud83d\ude00\ud83d\ude00dog"));
  }

  @Test
  void theMarkerLiteralsAreWordsOfTheirOwn() {
    assertEquals(List.of("a", "<|endoftext|>", "b", "<|startoftext|>", "!"),
        PreTokenizer.words("a<|endoftext|>b <|startoftext|>!"));
  }
}
