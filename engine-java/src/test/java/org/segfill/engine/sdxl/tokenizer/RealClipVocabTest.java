package org.segfill.engine.sdxl.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Known answers of the real CLIP vocabulary (openai/clip-vit-large-patch14, the same files as
 * SDXL's tokenizer/ and tokenizer_2/), from public tests that check their ports against
 * transformers: "a photo of a cat" and "... dog" (Bumblebee's CLIP tokenizer test and several
 * other ports), "Hello, world!" and "don't stop" (two independent ports). The Japanese line is
 * from one port only, but its single-byte ids (those below 512) follow from GPT-2's byte table,
 * and they show the CJK spacing: 石, 灯 and 籠 each end with a {@code </w>} byte.
 *
 * <p>Runs only when {@code SEGFILL_CLIP_VOCAB_DIR} names a real tokenizer folder.
 */
class RealClipVocabTest {

  private static final String VARIABLE = "SEGFILL_CLIP_VOCAB_DIR";
  private ClipTokenizer tokenizer;

  @BeforeEach
  void load() {
    String dir = System.getenv(VARIABLE);
    Assumptions.assumeTrue(dir != null && !dir.isBlank(),
        VARIABLE + " is not set: no real CLIP tokenizer folder (vocab.json, merges.txt) to check"
            + " known token ids against");
    tokenizer = ClipTokenizer.load(Path.of(dir));
  }

  private void assertContent(String text, long... ids) {
    Tokens tokens = tokenizer.encode(text);
    long[] real = Arrays.copyOfRange(tokens.ids(), 0, tokens.count());
    long[] expected = new long[ids.length + 2];
    expected[0] = 49406;
    System.arraycopy(ids, 0, expected, 1, ids.length);
    expected[expected.length - 1] = 49407;
    assertArrayEquals(expected, real, () -> text + ": " + Arrays.toString(real));
    for (int i = tokens.count(); i < 77; i++) {
      assertEquals(tokenizer.padId(), tokens.ids()[i]);
    }
  }

  @Test
  void knownAnswers() {
    assertContent("a photo of a cat", 320, 1125, 539, 320, 2368);
    assertContent("a photo of a dog", 320, 1125, 539, 320, 1929);
    assertContent("A pHotO   of a CaT", 320, 1125, 539, 320, 2368);
    assertContent("don't stop", 847, 713, 1691);
    assertContent("");
  }

  @Test
  void theBangDependsOnWhichSdxlTokenizerThisIs() {
    long bang = tokenizer.padId() == 0 ? 0 : 256;
    assertTrue(tokenizer.padId() == 0 || tokenizer.padId() == 49407, "pad " + tokenizer.padId());
    assertContent("Hello, world!", 3306, 267, 1002, bang);
  }

  @Test
  void cjkIdeographsAreSeparateWords() {
    assertContent("\u65e5\u672c\u306e\u77f3\u706f\u7c60",
        37156, 19277, 361, 4813, 362, 163, 253, 367, 163, 223, 363, 163, 109, 510);
  }
}
