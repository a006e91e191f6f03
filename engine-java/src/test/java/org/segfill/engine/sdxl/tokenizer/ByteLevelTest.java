package org.segfill.engine.sdxl.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ByteLevelTest {

  @Test
  void printableBytesStandForThemselves() {
    assertEquals('a', ByteLevel.symbol('a'));
    assertEquals('!', ByteLevel.symbol('!'));
    assertEquals('~', ByteLevel.symbol('~'));
    assertEquals('\u00a1', ByteLevel.symbol(0xA1));
    assertEquals('\u00ff', ByteLevel.symbol(0xFF));
  }

  @Test
  void theOtherBytesTakeU0100OnwardsInByteOrder() {
    assertEquals('\u0100', ByteLevel.symbol(0x00));
    // GPT-2's well-known markers: newline is Ċ and space is Ġ.
    assertEquals('\u010a', ByteLevel.symbol('\n'));
    assertEquals('\u0120', ByteLevel.symbol(' '));
    // 0x7F is the 34th non-printable byte (after 0x00..0x20).
    assertEquals('\u0121', ByteLevel.symbol(0x7F));
    assertEquals('\u0142', ByteLevel.symbol(0xA0));
    // The soft hyphen 0xAD is the last of the 68.
    assertEquals('\u0143', ByteLevel.symbol(0xAD));
  }

  @Test
  void theTableIsOneToOne() {
    Set<Character> seen = new HashSet<>();
    for (int b = 0; b < 256; b++) {
      seen.add(ByteLevel.symbol(b));
    }
    assertEquals(256, seen.size());
  }

  @Test
  void encodesUtf8BytesOneSymbolEach() {
    assertEquals("cat", ByteLevel.encode("cat"));
    // é is C3 A9: Ã and ©.
    assertEquals("caf\u00c3\u00a9", ByteLevel.encode("caf\u00e9"));
    // 😀 is F0 9F 98 80; 0x9F, 0x98 and 0x80 are not printable.
    assertEquals("\u00f0\u0141\u013a\u0122", ByteLevel.encode("\ud83d\ude00"));
  }
}
