package org.segfill.engine.sdxl.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The BasicTokenizer fallback of transformers' CLIPTokenizer (no ftfy). */
class TextCleanerTest {

  @Test
  void collapsesWhitespaceStripsAndLowerCases() {
    assertEquals("a photo of a cat", TextCleaner.clean("  A\tPHOTO\r\n of   a CAT  "));
    assertEquals("", TextCleaner.clean(" \t\n "));
    assertEquals("", TextCleaner.clean(""));
  }

  @Test
  void spaceSeparatorsBecomeSpacesAndLineSeparatorsSplitWords() {
    // U+00A0 and U+3000 are category Zs; U+2028 is Zl, which Python's split() still splits on.
    assertEquals("a cat in a hat", TextCleaner.clean("a\u00a0cat\u3000in\u2028a\u2029hat"));
  }

  @Test
  void controlAndFormatCharactersVanishGluingTheirNeighbours() {
    // NUL, BEL, U+FFFD, zero-width space, soft hyphen, BOM, a private-use character, DEL, and
    // vertical tab / form feed (category Cc, so dropped rather than treated as spaces).
    assertEquals("cat", TextCleaner.clean("c\u0000a\u0007\ufffdt"));
    assertEquals("catdog", TextCleaner.clean("cat\u200bdog"));
    assertEquals("catdog", TextCleaner.clean("cat\u00addog"));
    assertEquals("catdog", TextCleaner.clean("\ufeffcat\ue000dog\u007f"));
    assertEquals("catdog", TextCleaner.clean("cat\u000b\u000cdog"));
    // A lone surrogate is category Cs.
    assertEquals("catdog", TextCleaner.clean("cat\ud800dog"));
  }

  @Test
  void keepsAccentsAndComposesToNfc() {
    assertEquals("caf\u00e9 na\u00efve", TextCleaner.clean("CAF\u00c9 Nai\u0308ve"));
  }

  @Test
  void lowerCasesWithPythonsFullMappingIncludingFinalSigma() {
    assertEquals("\u03bf\u03b4\u03bf\u03c2", TextCleaner.clean("\u039f\u0394\u039f\u03a3"));
    // İ lower-cases to i and a combining dot above (two code points), as Python's str.lower.
    assertEquals("i\u0307stanbul", TextCleaner.clean("\u0130STANBUL"));
  }

  @Test
  void spacesOutCjkIdeographsButNotKana() {
    // 日本 are CJK ideographs; の (hiragana) is not, but the spaces around 本 separate it.
    assertEquals("\u65e5 \u672c \u306e", TextCleaner.clean("\u65e5\u672c\u306e"));
    assertEquals("\u306e\u306e", TextCleaner.clean("\u306e\u306e"));
    // A compatibility ideograph is spaced out first, then NFC maps it to its unified form.
    assertEquals("a \u8c48 b", TextCleaner.clean("a\uf900b"));
  }

  @Test
  void emojiJoinersAreDroppedButVariationSelectorsKept() {
    // ZWJ (U+200D) is a format character; VS16 (U+FE0F) is a nonspacing mark.
    assertEquals("\ud83d\udc68\ud83d\udc69", TextCleaner.clean("\ud83d\udc68\u200d\ud83d\udc69"));
    assertEquals("\u2764\ufe0f", TextCleaner.clean("\u2764\ufe0f"));
  }

  @Test
  void codePointsNewerThanTheJdkAreKeptButNoncharactersDropped() {
    // U+1FAE0 (melting face, Unicode 14) is unassigned to Java 17 and kept; U+FFFF and U+FDD0
    // are noncharacters in every Unicode version.
    assertEquals("a\ud83e\udee0b", TextCleaner.clean("a\ud83e\udee0b\uffff\ufdd0"));
  }
}
