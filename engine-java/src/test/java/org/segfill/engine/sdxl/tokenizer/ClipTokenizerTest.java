package org.segfill.engine.sdxl.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.segfill.engine.sdxl.tokenizer.TinyClipFolder.BOS;
import static org.segfill.engine.sdxl.tokenizer.TinyClipFolder.EOS;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exact ids over {@link TinyClipFolder}'s vocabulary. Byte ids: a printable ASCII character c is
 * c - 33, and c - 33 + 256 with {@code </w>}; other bytes as that class lists. Merged symbols
 * are 512 + their merge rank.
 */
class ClipTokenizerTest {

  @TempDir Path dir;
  private ClipTokenizer tokenizer;

  @BeforeEach
  void load() {
    tokenizer = ClipTokenizer.load(TinyClipFolder.write(dir));
  }

  /** Asserts BOS, {@code content}, EOS, then padding with EOS (the default pad). */
  static void assertEncodes(ClipTokenizer tokenizer, String text, long... content) {
    Tokens tokens = tokenizer.encode(text);
    long[] expected = new long[ClipTokenizer.MAX_LENGTH];
    Arrays.fill(expected, tokenizer.padId());
    expected[0] = BOS;
    System.arraycopy(content, 0, expected, 1, content.length);
    expected[content.length + 1] = EOS;
    assertArrayEquals(expected, tokens.ids(), () -> "ids of '" + text + "': "
        + Arrays.toString(tokens.ids()));
    assertEquals(content.length + 2, tokens.count(), "count of '" + text + "'");
    assertFalse(tokens.truncated());
  }

  private void assertEncodes(String text, long... content) {
    assertEncodes(tokenizer, text, content);
  }

  @Test
  void aPhotoOfACat() {
    // a</w> = 'a' 97 - 33 + 256 = 320; photo</w> 515, of</w> 516, cat</w> 518 are merges 3, 4, 6.
    assertEncodes("a photo of a cat", 320, 515, 516, 320, 518);
  }

  @Test
  void theEmptyPromptIsBosAndEos() {
    Tokens tokens = tokenizer.encode("");
    assertEquals(2, tokens.count());
    assertEquals(BOS, tokens.ids()[0]);
    assertEquals(EOS, tokens.ids()[1]);
    assertEncodes(" \t\n");
  }

  @Test
  void cleaningCollapsesWhitespaceAndLowerCases() {
    assertEncodes("  A\tPHOTO\n of   a CAT  ", 320, 515, 516, 320, 518);
    // NUL and a zero-width space vanish, so the three letters are one word again.
    assertEncodes("c\u0000a\u200bt", 518);
  }

  @Test
  void contractionsAreSeparateWords() {
    // it: i 72, t</w> 339; 's</w> 522 (merge 10). don: d 67, o 78, n</w> 333; 't</w> 523.
    assertEncodes("It's", 72, 339, 522);
    assertEncodes("don't", 67, 78, 333, 523);
  }

  @Test
  void numbersSplitIntoSingleDigits() {
    // 2</w> 273, 0</w> 271, 4</w> 275. As one word, merge 12 ("2 0") would give 20 2 4</w>.
    assertEncodes("2024", 273, 271, 273, 275);
  }

  @Test
  void punctuationRunsAreOneWord() {
    // hello</w> 528 (merges 13-16), then the run "!!": ! !</w> -> !!</w> 529 (merge 17).
    assertEncodes("hello!!", 528, 529);
    // "?!" is one word with no merge: ? 30, !</w> 256. The comma alone: ,</w> 267.
    assertEncodes("?!", 30, 256);
    assertEncodes("cat, hello", 518, 267, 528);
  }

  @Test
  void rankOrderDecidesNotPosition() {
    // a b c</w>: merge 7 (b c</w>, 519) beats merge 8 (a b), leaving a (64).
    assertEncodes("abc", 64, 519);
    // a a a a a</w>: merge 9 (aa, 521) twice, then a</w> 320.
    assertEncodes("aaaaa", 521, 521, 320);
  }

  @Test
  void accentedLettersGoThroughTheByteTableAndAreNotStripped() {
    // café: c a f Ã © -> ca (517) f (69) Ã (0xC3: 127) ©</w> (0xA9: 102 + 256 = 358).
    assertEncodes("Caf\u00e9", 517, 69, 127, 358);
    // Decomposed e + U+0301 is composed first (NFC), so it gives the same ids.
    assertEncodes("cafe\u0301", 517, 69, 127, 358);
  }

  @Test
  void unicodeLettersFormOneWordAndLowerCaseWithFinalSigma() {
    // ΟΔΟΣ -> οδος: ο = CE BF (138 123), δ = CE B4 (138 112), ς = CF 82 (139, 0x82 + </w>:
    // 224 + 256 = 480). A medial σ (CF 83) would end in 481.
    assertEncodes("\u039f\u0394\u039f\u03a3", 138, 123, 138, 112, 138, 123, 139, 480);
  }

  @Test
  void emojiFallBackToBytes() {
    // 😀 = F0 9F 98 80: 172, 253, 246, 222 + 256 = 478 (no merge covers it here).
    assertEncodes("\ud83d\ude00", 172, 253, 246, 478);
    // Letters and emoji are separate words.
    assertEncodes("cat\ud83d\ude00", 518, 172, 253, 246, 478);
    // A zero-width joiner is dropped: 👨 (F0 9F 91 A8) 👩 (F0 9F 91 A9) as one word.
    assertEncodes("\ud83d\udc68\u200d\ud83d\udc69", 172, 253, 239, 101, 172, 253, 239, 358);
  }

  @Test
  void cjkIdeographsAreWordsOfTheirOwn() {
    // 日 = E6 97 A5 -> 162 245 354(</w>); 本 = E6 9C AC -> 162 250 361; の = E3 81 AE -> 159 223
    // 362. Without the spacing 日本の would be one word with a single </w> at the end.
    assertEncodes("\u65e5\u672c\u306e", 162, 245, 354, 162, 250, 361, 159, 223, 362);
    // Kana alone are ordinary letters: one word.
    assertEncodes("\u306e\u306e", 159, 223, 106, 159, 223, 362);
  }

  @Test
  void aSymbolMissingFromTheVocabularyBecomesTheUnknownToken() {
    // Merge 18 makes qz</w>, which vocab.json lacks: CLIP's unk_token is <|endoftext|>.
    assertEncodes("qz", EOS);
  }

  @Test
  void markersInTheTextAreTheirIdsInAnyCase() {
    // Exact: cut out before cleaning. Upper case: lower-cased, matched by the word regex and
    // returned whole by the BPE, as in transformers. b</w> = 321.
    assertEncodes("a<|endoftext|>b", 320, EOS, 321);
    assertEncodes("a <|ENDOFTEXT|> b", 320, EOS, 321);
    assertEncodes("<|StartOfText|>", BOS);
  }

  @Test
  void longPromptsKeepTheirFirst75TokensAndEos() {
    Tokens exact = tokenizer.encode("a ".repeat(75));
    assertEquals(77, exact.count());
    assertFalse(exact.truncated());
    assertEquals(EOS, exact.ids()[76]);

    Tokens over = tokenizer.encode("a ".repeat(76));
    assertEquals(77, over.count());
    assertTrue(over.truncated());

    Tokens long80 = tokenizer.encode("a ".repeat(79) + "cat");
    long[] ids = long80.ids();
    assertEquals(BOS, ids[0]);
    for (int i = 1; i <= 75; i++) {
      assertEquals(320, ids[i], "id " + i);
    }
    assertEquals(EOS, ids[76]);
    assertEquals(77, long80.count());
    assertTrue(long80.truncated());

    Tokens short74 = tokenizer.encode("a ".repeat(74));
    assertEquals(76, short74.count());
    assertFalse(short74.truncated());
    assertEquals(tokenizer.padId(), short74.ids()[76]);
  }

  @Test
  void withoutSpecialTokenFilesTheMarkersAreClipsDefaults() {
    assertEquals(BOS, tokenizer.bosId());
    assertEquals(EOS, tokenizer.eosId());
    assertEquals(EOS, tokenizer.padId());
    // "!" is ordinary text here: !</w> = 256.
    assertEncodes("wow!", 86, 78, 342, 256);
  }

  @Test
  void nullTextIsRefusedNamingTheParameter() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> tokenizer.encode(null));
    assertTrue(e.getMessage().startsWith("text:"), e.getMessage());
  }

  @Test
  void tokensAreAValueWithACopyOfItsIds() {
    Tokens tokens = tokenizer.encode("a cat");
    long[] ids = tokens.ids();
    ids[1] = 7;
    assertEquals(320, tokens.ids()[1]);
    assertEquals(tokens, tokenizer.encode("A  CAT"));
    assertEquals(tokens.hashCode(), tokenizer.encode("A  CAT").hashCode());
    assertThrows(IllegalArgumentException.class, () -> new Tokens(new long[77], 1, false));
    assertThrows(IllegalArgumentException.class, () -> new Tokens(new long[77], 78, false));
  }
}
