package org.segfill.engine.sdxl.tokenizer;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The text clean-up transformers' {@code CLIPTokenizer} does when ftfy is not installed: its
 * BasicTokenizer with lower-casing, no accent stripping and no punctuation splitting.
 *
 * <ol>
 *   <li>drop NUL, U+FFFD and every "C*" category character except tab, CR and LF (so control
 *       characters, zero-width spaces and joiners, soft hyphens, BOMs, private-use and lone
 *       surrogates vanish, gluing their neighbours together);
 *   <li>turn tab, CR, LF and space separators (category Zs) into spaces;
 *   <li>put spaces around CJK ideographs, so each one becomes a word of its own;
 *   <li>normalize to NFC;
 *   <li>split on Python's whitespace, lower-case each word, join with single spaces.
 * </ol>
 *
 * <p>Deliberate difference: Python also drops code points its Unicode tables leave unassigned.
 * Java 17 knows Unicode 13, older than the Python a reference usually runs on (3.11 has 14, 3.12
 * has 15), so a code point Java calls unassigned is most likely a newer emoji that Python keeps;
 * we keep it too. Noncharacters, unassigned in every version, are dropped.
 */
final class TextCleaner {

  private TextCleaner() {}

  /** {@code text} cleaned: lower case, words separated by one space, no leading or trailing one. */
  static String clean(String text) {
    StringBuilder kept = new StringBuilder(text.length() + 16);
    text.codePoints().forEach(cp -> {
      if (isDropped(cp)) {
        return;
      }
      if (isBasicWhitespace(cp)) {
        kept.append(' ');
      } else if (isCjkIdeograph(cp)) {
        kept.append(' ').appendCodePoint(cp).append(' ');
      } else {
        kept.appendCodePoint(cp);
      }
    });
    String normalized = Normalizer.normalize(kept, Normalizer.Form.NFC);
    StringBuilder out = new StringBuilder(normalized.length());
    int start = -1;
    for (int i = 0; i <= normalized.length(); i++) {
      boolean boundary = i == normalized.length() || isPythonWhitespace(normalized.charAt(i));
      if (boundary && start >= 0) {
        if (out.length() > 0) {
          out.append(' ');
        }
        out.append(normalized.substring(start, i).toLowerCase(Locale.ROOT));
        start = -1;
      } else if (!boundary && start < 0) {
        start = i;
      }
    }
    return out.toString();
  }

  private static boolean isDropped(int cp) {
    if (cp == 0 || cp == 0xFFFD) {
      return true;
    }
    if (cp == '\t' || cp == '\n' || cp == '\r') {
      return false;
    }
    switch (Character.getType(cp)) {
      case Character.CONTROL:
      case Character.FORMAT:
      case Character.PRIVATE_USE:
      case Character.SURROGATE:
        return true;
      case Character.UNASSIGNED:
        return isNoncharacter(cp);
      default:
        return false;
    }
  }

  private static boolean isNoncharacter(int cp) {
    return (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE;
  }

  // BasicTokenizer's notion: the four ASCII blanks plus category Zs.
  private static boolean isBasicWhitespace(int cp) {
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r'
        || Character.getType(cp) == Character.SPACE_SEPARATOR;
  }

  // The blocks BERT's BasicTokenizer calls Chinese characters.
  private static boolean isCjkIdeograph(int cp) {
    return (cp >= 0x4E00 && cp <= 0x9FFF)
        || (cp >= 0x3400 && cp <= 0x4DBF)
        || (cp >= 0x20000 && cp <= 0x2A6DF)
        || (cp >= 0x2A700 && cp <= 0x2B73F)
        || (cp >= 0x2B740 && cp <= 0x2B81F)
        || (cp >= 0x2B820 && cp <= 0x2CEAF)
        || (cp >= 0xF900 && cp <= 0xFAFF)
        || (cp >= 0x2F800 && cp <= 0x2FA1F);
  }

  // Python's str.split() separators. After the first pass only the space and the line and
  // paragraph separators (Zl, Zp) can still occur; all are BMP characters.
  private static boolean isPythonWhitespace(char c) {
    return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20) || c == 0x85 || c == 0xA0
        || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029
        || c == 0x202F || c == 0x205F || c == 0x3000;
  }
}
