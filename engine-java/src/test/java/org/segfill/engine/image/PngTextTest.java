package org.segfill.engine.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

class PngTextTest {
  private static final RgbImage IMAGE = new RgbImage(6, 4, Bytes.pattern(6, 4, 3));

  private static Map<String, String> entries(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void writesChunksRightAfterIhdrWithCorrectCrcs() {
    byte[] png = PngEncoder.encode(IMAGE);
    byte[] withText = PngText.insert(png, entries("segfill.recipe", "{\"seed\":42}",
        "Software", "segfill"));
    byte[] data = Bytes.ascii("segfill.recipe\0{\"seed\":42}");
    CRC32 crc = new CRC32();
    crc.update(Bytes.ascii("tEXt"));
    crc.update(data);
    byte[] expectedChunk = Bytes.concat(Bytes.u32be(26), Bytes.ascii("tEXt"), data,
        Bytes.u32be(crc.getValue()));
    assertArrayEquals(expectedChunk, Arrays.copyOfRange(withText, 33, 33 + 38));
    assertEquals(png.length + 38 + 12 + 16, withText.length);
    assertEquals(33 + 38, PngBytes.find(withText, "tEXt") + 38);
    // Still a whole PNG with the same pixels.
    assertArrayEquals(IMAGE.rgb(), new ImageDecoder(ImageLimits.defaults()).decode(withText).rgb());
  }

  @Test
  void readsBackInFileOrder() {
    Map<String, String> written = entries("segfill.recipe", "{\"prompt\":\"a red car\"}",
        "Comment", "line one\nline two", "Author", "Zoë ©");
    Map<String, String> read = PngText.read(PngText.insert(PngEncoder.encode(IMAGE), written));
    assertEquals(written, read);
    assertEquals(List.copyOf(written.keySet()), List.copyOf(read.keySet()));
    assertEquals(Map.of(), PngText.read(PngEncoder.encode(IMAGE)));
  }

  @Test
  void firstOfRepeatedKeywordsWins() {
    byte[] once = PngText.insert(PngEncoder.encode(IMAGE), entries("k", "old"));
    byte[] twice = PngText.insert(once, entries("k", "new"));
    assertEquals(Map.of("k", "new"), PngText.read(twice));
  }

  @Test
  void dropsBytesAfterIend() {
    byte[] png = PngEncoder.encode(IMAGE);
    byte[] polyglot = Bytes.concat(png, Bytes.ascii("<html></html>"));
    byte[] out = PngText.insert(polyglot, entries("a", "b"));
    assertEquals(png.length + 12 + 3, out.length);
  }

  @Test
  void refusesBadKeywordsAndValues() {
    byte[] png = PngEncoder.encode(IMAGE);
    String[][] badKeywords = {
      {"", "keyword must be 1 to 79 characters, got 0"},
      {"k".repeat(80), "keyword must be 1 to 79 characters, got 80"},
      {" lead", "keyword must not have leading, trailing or consecutive spaces: ' lead'"},
      {"trail ", "keyword must not have leading, trailing or consecutive spaces: 'trail '"},
      {"two  spaces",
          "keyword must not have leading, trailing or consecutive spaces: 'two  spaces'"},
      {"tab\there", "keyword must be printable Latin-1, got U+0009 at index 3"},
      {"nul\0", "keyword must be printable Latin-1, got U+0000 at index 3"},
      {"nbsp\u00A0", "keyword must be printable Latin-1, got U+00A0 at index 4"},
      {"Ωmega", "keyword must be printable Latin-1, got U+03A9 at index 0"},
    };
    for (String[] c : badKeywords) {
      assertEquals(c[1], assertThrows(IllegalArgumentException.class,
          () -> PngText.insert(png, entries(c[0], "v"))).getMessage());
    }
    PngText.insert(png, entries("k".repeat(79), "v"));
    PngText.insert(png, entries("Café crème", "v"));
    assertEquals("value of 'k' must be printable Latin-1 text or line feeds, got U+4E2D at index 2",
        assertThrows(IllegalArgumentException.class,
            () -> PngText.insert(png, entries("k", "ab中"))).getMessage());
    assertEquals("value of 'k' must be printable Latin-1 text or line feeds, got U+0000 at index 0",
        assertThrows(IllegalArgumentException.class,
            () -> PngText.insert(png, entries("k", "\0"))).getMessage());
    Map<String, String> nullValue = new LinkedHashMap<>();
    nullValue.put("k", null);
    assertThrows(NullPointerException.class, () -> PngText.insert(png, nullValue));
  }

  @Test
  void refusesDamagedPngs() {
    byte[] png = PngText.insert(PngEncoder.encode(IMAGE), entries("k", "v"));
    ImageRejectedException e = assertThrows(ImageRejectedException.class,
        () -> PngText.read(Bytes.flip(png, 33 + 9)));
    assertEquals("image: PNG chunk tEXt at byte 33 has a bad CRC", e.getMessage());
    byte[] noSeparator = Bytes.insert(PngEncoder.encode(IMAGE), 33,
        PngBytes.chunk("tEXt", Bytes.ascii("keyword-without-value")));
    assertEquals("image: PNG tEXt chunk at byte 33 has no valid keyword",
        assertThrows(ImageRejectedException.class, () -> PngText.read(noSeparator))
            .getMessage());
    assertEquals(ImageRejectedException.Kind.UNSUPPORTED_FORMAT,
        assertThrows(ImageRejectedException.class,
            () -> PngText.read(Bytes.ascii("GIF89a"))).kind());
  }
}
