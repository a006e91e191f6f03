package org.segfill.engine.sdxl.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** BPE over TinyClipFolder's merges (ranks in its MERGES list). */
class BytePairEncoderTest {

  @TempDir Path dir;
  private BytePairEncoder bpe;

  @BeforeEach
  void readMerges() {
    bpe = new BytePairEncoder(MergeRanks.read(TinyClipFolder.write(dir).resolve("merges.txt")));
  }

  @Test
  void aSingleCharacterGetsTheEndOfWordMark() {
    assertEquals(List.of("a</w>"), bpe.encode("a"));
  }

  @Test
  void mergesUntilNoPairIsAMerge() {
    // p h o t o</w> -> ph o t o</w> (rank 0) -> ph ot o</w> (1) -> ph oto</w> (2) -> photo</w>
    assertEquals(List.of("photo</w>"), bpe.encode("photo"));
    // d o n</w>: no pair is a merge.
    assertEquals(List.of("d", "o", "n</w>"), bpe.encode("don"));
  }

  @Test
  void theLowestRankedPairMergesFirstWhereverItIs() {
    // a b c</w>: "b c</w>" (rank 7) beats "a b" (rank 8), and then "a bc</w>" is no merge.
    // Merging left to right instead would give ab c</w>.
    assertEquals(List.of("a", "bc</w>"), bpe.encode("abc"));
  }

  @Test
  void everyOccurrenceOfThePairMergesLeftToRightWithoutOverlap() {
    // a a a a a</w>: "a a" (rank 9) merges at 0-1 and 2-3; a a</w> is not that pair.
    assertEquals(List.of("aa", "aa", "a</w>"), bpe.encode("aaaaa"));
    assertEquals(List.of("aa", "a</w>"), bpe.encode("aaa"));
  }

  @Test
  void theMarkerLiteralsComeBackWholeWithoutTheEndOfWordMark() {
    assertEquals(List.of("<|endoftext|>"), bpe.encode("<|endoftext|>"));
    assertEquals(List.of("<|startoftext|>"), bpe.encode("<|startoftext|>"));
  }

  @Test
  void aMergeMayProduceASymbolTheVocabularyLacks() {
    assertEquals(List.of("qz</w>"), bpe.encode("qz"));
  }
}
