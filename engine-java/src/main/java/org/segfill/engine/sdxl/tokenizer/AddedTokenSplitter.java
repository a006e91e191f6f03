package org.segfill.engine.sdxl.tokenizer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Cuts a tokenizer's added tokens out of the raw text, before any cleaning, as transformers'
 * added-token trie does: scanning left to right, the longest added token starting at a position
 * wins, and the text between matches stays as it is, surrounding spaces included (none of
 * CLIP's added tokens strips them, and the cleaner drops them anyway).
 */
final class AddedTokenSplitter {

  /** A stretch of text to tokenize, or an added token with its id. */
  record Piece(String text, int id) {

    static final int TEXT = -1;

    boolean isAdded() {
      return id != TEXT;
    }
  }

  private final Map<String, Integer> ids;
  private final List<String> longestFirst;

  AddedTokenSplitter(Map<String, Integer> ids) {
    if (ids.containsKey("")) {
      throw new IllegalArgumentException("an added token is empty");
    }
    this.ids = Map.copyOf(ids);
    this.longestFirst = new ArrayList<>(ids.keySet());
    longestFirst.sort(Comparator.comparingInt(String::length).reversed());
  }

  /** {@code text} as alternating text pieces (never empty) and added tokens, in order. */
  List<Piece> split(String text) {
    List<Piece> pieces = new ArrayList<>();
    int from = 0;
    int i = 0;
    while (i < text.length()) {
      String match = matchAt(text, i);
      if (match == null) {
        i++;
        continue;
      }
      if (i > from) {
        pieces.add(new Piece(text.substring(from, i), Piece.TEXT));
      }
      pieces.add(new Piece(match, ids.get(match)));
      i += match.length();
      from = i;
    }
    if (from < text.length()) {
      pieces.add(new Piece(text.substring(from), Piece.TEXT));
    }
    return pieces;
  }

  private String matchAt(String text, int i) {
    for (String token : longestFirst) {
      if (text.startsWith(token, i)) {
        return token;
      }
    }
    return null;
  }
}
