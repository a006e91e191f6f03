package org.segfill.engine.sdxl.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Same text, same ids: across calls, tokenizer instances and threads, with a bounded cache. */
class ClipTokenizerConcurrencyTest {

  private static final List<String> PROMPTS = List.of(
      "a photo of a cat", "hello!! wow", "It's 2024, don't panic", "caf\u00e9 \u65e5\u672c",
      "\ud83d\ude00 aaaaa abc", "", "qz <|endoftext|> hello", "a ".repeat(90));

  @TempDir Path dir;

  @Test
  void encodingIsDeterministicAcrossCallsAndInstances() {
    TinyClipFolder.writeTokenizer2(dir);
    ClipTokenizer first = ClipTokenizer.load(dir);
    ClipTokenizer second = ClipTokenizer.load(dir);
    for (String prompt : PROMPTS) {
      Tokens cold = first.encode(prompt);
      assertEquals(cold, first.encode(prompt), prompt);
      assertEquals(cold, second.encode(prompt), prompt);
    }
  }

  @Test
  void manyThreadsGetTheSameIdsAsOne() throws Exception {
    TinyClipFolder.writeTokenizer2(dir);
    List<Tokens> expected = new ArrayList<>();
    ClipTokenizer reference = ClipTokenizer.load(dir);
    for (String prompt : PROMPTS) {
      expected.add(reference.encode(prompt));
    }
    // A cache smaller than the prompts' words, so threads also race on eviction.
    ClipTokenizer shared = ClipTokenizer.load(dir, 4);
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int offset = t;
        results.add(pool.submit(() -> {
          start.await();
          int checked = 0;
          for (int i = 0; i < 300; i++) {
            int p = (i + offset) % PROMPTS.size();
            assertEquals(expected.get(p), shared.encode(PROMPTS.get(p)), PROMPTS.get(p));
            checked++;
          }
          return checked;
        }));
      }
      start.countDown();
      for (Future<Integer> result : results) {
        assertEquals(300, result.get(60, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
    assertTrue(shared.cachedWords() <= 4, "cache holds " + shared.cachedWords());
  }

  @Test
  void theWordCacheStaysWithinItsBound() {
    TinyClipFolder.write(dir);
    ClipTokenizer tokenizer = ClipTokenizer.load(dir, 3);
    StringBuilder words = new StringBuilder();
    for (int i = 0; i < 50; i++) {
      words.append("w").append((char) ('a' + i % 26)).append((char) ('a' + i / 26)).append(' ');
    }
    Tokens before = ClipTokenizer.load(dir).encode(words.toString());
    assertEquals(before, tokenizer.encode(words.toString()));
    assertEquals(3, tokenizer.cachedWords());
  }
}
