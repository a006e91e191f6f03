package org.segfill.models.testbundle;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The synthetic CLIP BPE vocabulary of the tiny SDXL tokenizers, laid out as the real one:
 * ids 0..255 are the 256 byte-level symbols in GPT-2's byte-to-unicode order ("!" = 0), ids
 * 256..511 the same symbols with {@code </w>} ("!</w>" = 256), then one id per merge in rank
 * order from 512, and {@code <|startoftext|>} = 49406, {@code <|endoftext|>} = 49407 (ids in
 * between are unused). The merges are chosen so that every word of
 * {@code tiny-clip-words.txt} encodes to the single token {@code word</w>}; other words fall
 * apart into smaller pieces, down to single bytes, as with the real vocabulary.
 *
 * @param ids token to id, in id order
 * @param merges merge pairs in rank order
 */
record TinyClipVocab(Map<String, Integer> ids, List<String[]> merges) {

  static final int BOS = 49406;
  static final int EOS = 49407;
  static final String BOS_TOKEN = "<|startoftext|>";
  static final String EOS_TOKEN = "<|endoftext|>";
  static final String END_OF_WORD = "</w>";
  private static final String WORDS = "tiny-clip-words.txt";

  TinyClipVocab {
    ids = Collections.unmodifiableMap(new LinkedHashMap<>(ids));
    merges = List.copyOf(merges);
  }

  /** Builds the vocabulary from the bundled word list. */
  static TinyClipVocab build() {
    List<String> symbols = new ArrayList<>(byteSymbols().values());
    Map<String, Integer> ids = new LinkedHashMap<>();
    for (String symbol : symbols) {
      ids.put(symbol, ids.size());
    }
    for (String symbol : symbols) {
      ids.put(symbol + END_OF_WORD, ids.size());
    }
    List<String[]> merges = new ArrayList<>();
    Map<String, Integer> ranks = new HashMap<>();
    for (String word : words()) {
      // Adding the pair where BPE stops, at the lowest priority, never changes how earlier
      // words encode (they merge through pairs of better rank), and makes progress on this one.
      List<String> parts = bpe(word, ranks);
      while (parts.size() > 1) {
        String[] pair = {parts.get(0), parts.get(1)};
        // Real CLIP gives every merge its own new token (id = 512 + rank); keep that.
        if (ids.putIfAbsent(pair[0] + pair[1], ids.size()) != null) {
          throw new IllegalStateException(WORDS + ": '" + word + "' would merge " + pair[0]
              + " + " + pair[1] + " into an existing token; reorder the word list");
        }
        ranks.put(pair[0] + " " + pair[1], merges.size());
        merges.add(pair);
        parts = bpe(word, ranks);
      }
    }
    ids.put(BOS_TOKEN, BOS);
    ids.put(EOS_TOKEN, EOS);
    return new TinyClipVocab(ids, merges);
  }

  /** CLIP's BPE of one lowercase ASCII word, with merge ranks keyed "left right". */
  static List<String> bpe(String word, Map<String, Integer> ranks) {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < word.length(); i++) {
      parts.add(word.substring(i, i + 1) + (i == word.length() - 1 ? END_OF_WORD : ""));
    }
    while (parts.size() > 1) {
      int best = -1;
      int bestRank = Integer.MAX_VALUE;
      for (int i = 0; i + 1 < parts.size(); i++) {
        Integer rank = ranks.get(parts.get(i) + " " + parts.get(i + 1));
        if (rank != null && rank < bestRank) {
          bestRank = rank;
          best = i;
        }
      }
      if (best < 0) {
        break;
      }
      String left = parts.get(best);
      String right = parts.get(best + 1);
      List<String> merged = new ArrayList<>();
      for (int i = 0; i < parts.size(); i++) {
        if (i + 1 < parts.size() && parts.get(i).equals(left) && parts.get(i + 1).equals(right)) {
          merged.add(left + right);
          i++;
        } else {
          merged.add(parts.get(i));
        }
      }
      parts = merged;
    }
    return parts;
  }

  /** GPT-2's byte-to-unicode table: printable bytes map to themselves, the rest to 256+n. */
  static Map<Integer, String> byteSymbols() {
    Map<Integer, String> table = new LinkedHashMap<>();
    for (int b = '!'; b <= '~'; b++) {
      table.put(b, Character.toString(b));
    }
    for (int b = 0xA1; b <= 0xAC; b++) {
      table.put(b, Character.toString(b));
    }
    for (int b = 0xAE; b <= 0xFF; b++) {
      table.put(b, Character.toString(b));
    }
    int next = 256;
    for (int b = 0; b < 256; b++) {
      if (!table.containsKey(b)) {
        table.put(b, Character.toString(next++));
      }
    }
    return table;
  }

  /** The bundled word list, in order. */
  static List<String> words() {
    InputStream in = TinyClipVocab.class.getResourceAsStream(WORDS);
    if (in == null) {
      throw new IllegalStateException(WORDS + ": missing from the classpath");
    }
    List<String> words = new ArrayList<>();
    try (BufferedReader reader = new BufferedReader(
        new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        String word = line.strip();
        if (word.isEmpty() || word.startsWith("#")) {
          continue;
        }
        if (!word.matches("[a-z]+")) {
          throw new IllegalStateException(WORDS + ": '" + word + "' is not lowercase letters");
        }
        words.add(word);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return words;
  }
}
