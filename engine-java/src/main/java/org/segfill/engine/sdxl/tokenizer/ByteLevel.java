package org.segfill.engine.sdxl.tokenizer;

import java.nio.charset.StandardCharsets;

/**
 * GPT-2's byte-to-unicode table, which CLIP's vocabulary is written in: every UTF-8 byte of a
 * word becomes one printable character, so the BPE never sees spaces or control characters.
 * Printable Latin-1 bytes ({@code !}..{@code ~}, {@code ¡}..{@code ¬}, {@code ®}..{@code ÿ}) stand
 * for themselves; the other 68 bytes, in increasing order, take U+0100, U+0101, and so on.
 */
final class ByteLevel {

  private static final char[] TABLE = table();

  private ByteLevel() {}

  /** The character byte {@code b} (0..255) is written as in the vocabulary. */
  static char symbol(int b) {
    return TABLE[b];
  }

  /** {@code word}'s UTF-8 bytes, one table character each. */
  static String encode(String word) {
    byte[] bytes = word.getBytes(StandardCharsets.UTF_8);
    char[] out = new char[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      out[i] = TABLE[bytes[i] & 0xff];
    }
    return new String(out);
  }

  private static char[] table() {
    char[] table = new char[256];
    int next = 256;
    for (int b = 0; b < 256; b++) {
      boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || b >= 0xAE;
      table[b] = (char) (printable ? b : next++);
    }
    return table;
  }
}
