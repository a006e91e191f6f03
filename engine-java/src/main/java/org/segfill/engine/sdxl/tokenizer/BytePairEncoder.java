package org.segfill.engine.sdxl.tokenizer;

import java.util.ArrayList;
import java.util.List;

/**
 * CLIP's BPE over one word already written in {@link ByteLevel} characters: start from single
 * characters, with {@code </w>} glued to the last one, and repeatedly merge every occurrence (left
 * to right, not overlapping) of the adjacent pair with the lowest merge rank, until no adjacent
 * pair is a merge. Stateless and thread-safe; callers cache.
 */
final class BytePairEncoder {

  /** Marks the last symbol of a word; CLIP's vocabulary has both {@code a} and {@code a</w>}. */
  static final String END_OF_WORD = "</w>";

  // The reference seeds its BPE cache with these two, so they come back whole and without
  // END_OF_WORD when the pre-tokenizer finds them in the text (for instance in upper case, which
  // the added-token split does not catch).
  private static final String START_LITERAL = "<|startoftext|>";
  private static final String END_LITERAL = "<|endoftext|>";

  private final MergeRanks ranks;

  BytePairEncoder(MergeRanks ranks) {
    this.ranks = ranks;
  }

  /** The symbols of {@code word} (non-empty, byte-level characters) after merging. */
  List<String> encode(String word) {
    if (word.equals(START_LITERAL) || word.equals(END_LITERAL)) {
      return List.of(word);
    }
    List<String> symbols = new ArrayList<>(word.length());
    for (int i = 0; i < word.length() - 1; i++) {
      symbols.add(String.valueOf(word.charAt(i)));
    }
    symbols.add(word.charAt(word.length() - 1) + END_OF_WORD);
    while (symbols.size() > 1) {
      int best = MergeRanks.NONE;
      int at = -1;
      for (int i = 0; i + 1 < symbols.size(); i++) {
        int rank = ranks.rank(symbols.get(i), symbols.get(i + 1));
        if (rank < best) {
          best = rank;
          at = i;
        }
      }
      if (at < 0) {
        break;
      }
      symbols = mergeAll(symbols, symbols.get(at), symbols.get(at + 1));
    }
    return symbols;
  }

  private static List<String> mergeAll(List<String> symbols, String first, String second) {
    List<String> merged = new ArrayList<>(symbols.size());
    int i = 0;
    while (i < symbols.size()) {
      if (i + 1 < symbols.size() && symbols.get(i).equals(first)
          && symbols.get(i + 1).equals(second)) {
        merged.add(first + second);
        i += 2;
      } else {
        merged.add(symbols.get(i));
        i++;
      }
    }
    return merged;
  }
}
