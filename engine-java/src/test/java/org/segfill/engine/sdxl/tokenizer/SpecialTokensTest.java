package org.segfill.engine.sdxl.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.segfill.engine.sdxl.tokenizer.ClipTokenizerTest.assertEncodes;
import static org.segfill.engine.sdxl.tokenizer.TinyClipFolder.EOS;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pad ids and added tokens, read from the special-token files (model contract B1, B2). */
class SpecialTokensTest {

  @TempDir Path dir;

  @Test
  void sdxlsTokenizerPadsWithEosAndTreatsBangAsText() {
    ClipTokenizer tokenizer = ClipTokenizer.load(TinyClipFolder.writeTokenizer(dir));
    assertEquals(EOS, tokenizer.padId());
    assertEquals(EOS, tokenizer.encode("a").ids()[76]);
    // wow</w>: w 86, o 78, w</w> 342; "!!" is one word, merged to !!</w> 529.
    assertEncodes(tokenizer, "wow!!", 86, 78, 342, 529);
    // "?!" is one word with no merge: ? 30, !</w> 256.
    assertEncodes(tokenizer, "?!", 30, 256);
  }

  @Test
  void sdxlsTokenizer2PadsWithBangAndCutsEveryBangOutAsIdZero() {
    ClipTokenizer tokenizer = ClipTokenizer.load(TinyClipFolder.writeTokenizer2(dir));
    assertEquals(0, tokenizer.padId());
    long[] ids = tokenizer.encode("a").ids();
    // BOS, a</w>, EOS, then 74 zeros.
    assertEquals(EOS, ids[2]);
    for (int i = 3; i < 77; i++) {
      assertEquals(0, ids[i], "pad at " + i);
    }
    // "!" is split out before BPE: no </w>, no merging with its neighbours.
    assertEncodes(tokenizer, "wow!!", 86, 78, 342, 0, 0);
    // "?" is left alone as a word of its own: ?</w> = 286.
    assertEncodes(tokenizer, "?!", 286, 0);
    // hi: h 71, i</w> 328; there: t 83, he 525, r 81, e</w> 324.
    assertEncodes(tokenizer, "hi!there", 71, 328, 0, 83, 525, 81, 324);
  }

  @Test
  void thePadTokenIsWhateverTheFilesNameNotAHardCodedBang() {
    TinyClipFolder.write(dir);
    TinyClipFolder.writeJson(dir.resolve("tokenizer_config.json"), Map.of("pad_token", "?"));
    ClipTokenizer tokenizer = ClipTokenizer.load(dir);
    // "?" is vocabulary id 30; now it is cut out whole, and "!" is ordinary text again.
    // why: w 86, h 71, y</w> 344; then ? 30 and !</w> 256.
    assertEquals(30, tokenizer.padId());
    assertEncodes(tokenizer, "why?!", 86, 71, 344, 30, 256);
  }

  @Test
  void specialTokensMapWinsOverTokenizerConfig() {
    TinyClipFolder.write(dir);
    TinyClipFolder.writeJson(dir.resolve("tokenizer_config.json"), Map.of("pad_token", "?"));
    // The object form, as some transformers versions save it.
    TinyClipFolder.writeJson(dir.resolve("special_tokens_map.json"),
        Map.of("pad_token", Map.of("content", "!", "lstrip", false, "single_word", false)));
    ClipTokenizer tokenizer = ClipTokenizer.load(dir);
    assertEquals(0, tokenizer.padId());
    // tokenizer_config.json's "?" is no special token any more.
    assertEncodes(tokenizer, "?!", 286, 0);
  }

  @Test
  void addedTokensFromTheConfigAreCutOutWithTheirIds() {
    TinyClipFolder.write(dir);
    TinyClipFolder.writeJson(dir.resolve("tokenizer_config.json"), Map.of(
        "added_tokens_decoder", Map.of("600", Map.of("content", "<cat>", "special", false))));
    TinyClipFolder.writeJson(dir.resolve("added_tokens.json"), Map.of("<dog>", 601));
    ClipTokenizer tokenizer = ClipTokenizer.load(dir);
    // a</w> 320, <cat> 600, b</w> 321, <dog> 601. Spaces around them change nothing.
    assertEncodes(tokenizer, "a<cat>b <dog> ", 320, 600, 321, 601);
    assertEquals(EOS, tokenizer.padId());
  }
}
