package org.segfill.engine.sdxl.tokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CLIP's word splitter: the two marker literals, English contractions, runs of letters, single
 * digits, and runs of anything else that is not whitespace. Whitespace separates words and is
 * dropped. Case-insensitive like the reference, which matters only for the literals and
 * contractions (so {@code 'ſ} counts as {@code 's}), as the text arrives lower-cased.
 */
final class PreTokenizer {

  private static final Pattern WORD = Pattern.compile(
      "<\\|startoftext\\|>|<\\|endoftext\\|>|'s|'t|'re|'ve|'m|'ll|'d"
          + "|\\p{L}+|\\p{N}|[^\\s\\p{L}\\p{N}]+",
      Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  private PreTokenizer() {}

  /** The words of {@code cleanText}, in order. */
  static List<String> words(String cleanText) {
    List<String> words = new ArrayList<>();
    Matcher m = WORD.matcher(cleanText);
    while (m.find()) {
      words.add(m.group());
    }
    return words;
  }
}
