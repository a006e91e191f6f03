package org.segfill.engine.image;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes and reads PNG {@code tEXt} chunks: Latin-1 keyword/value pairs, used to store the recipe
 * of a result inside its PNG.
 *
 * <p>Keywords follow the PNG specification: 1 to 79 printable Latin-1 characters (32-126,
 * 161-255), no leading, trailing or consecutive spaces. Values are Latin-1 text: printable
 * characters (32-126, 160-255) and line feeds. Anything else (e.g. a prompt in Greek) must be
 * escaped by the caller, for instance as JSON {@code \\u} escapes; {@code iTXt} is not written.
 */
public final class PngText {
  /** Longest keyword the PNG specification allows. */
  public static final int MAX_KEYWORD_LENGTH = 79;

  private static final byte[] TEXT_TYPE = {'t', 'E', 'X', 't'};

  private PngText() {}

  /**
   * A copy of {@code png} with one {@code tEXt} chunk per entry, in the map's iteration order,
   * right after IHDR (so they come before any text the file already had).
   *
   * @throws IllegalArgumentException for a bad keyword or value
   * @throws ImageRejectedException when {@code png} is not a whole PNG
   */
  public static byte[] insert(byte[] png, Map<String, String> entries) {
    Objects.requireNonNull(png, "png must not be null");
    Objects.requireNonNull(entries, "entries must not be null");
    entries.forEach((keyword, value) -> {
      checkKeyword(keyword);
      checkValue(keyword, value);
    });
    List<PngChunk> chunks = requirePng(png);
    int afterIhdr = chunks.get(0).end();
    // Bytes after IEND are not copied: the result is a clean PNG even if the input was not.
    int afterIend = chunks.get(chunks.size() - 1).end();
    ByteArrayOutputStream out = new ByteArrayOutputStream(afterIend + 64 * entries.size());
    out.write(png, 0, afterIhdr);
    entries.forEach((keyword, value) -> writeChunk(out, keyword, value));
    out.write(png, afterIhdr, afterIend - afterIhdr);
    return out.toByteArray();
  }

  /**
   * The {@code tEXt} entries of {@code png}, in file order. When a keyword repeats, the first
   * wins, which makes entries added by {@link #insert} win over older ones.
   *
   * @throws ImageRejectedException when {@code png} is not a whole PNG or a tEXt chunk is malformed
   */
  public static Map<String, String> read(byte[] png) {
    Objects.requireNonNull(png, "png must not be null");
    Map<String, String> entries = new LinkedHashMap<>();
    for (PngChunk chunk : requirePng(png)) {
      if (!chunk.type().equals("tEXt")) {
        continue;
      }
      int start = chunk.dataOffset();
      int separator = -1;
      for (int i = start; i < start + chunk.length(); i++) {
        if (png[i] == 0) {
          separator = i;
          break;
        }
      }
      if (separator <= start || separator - start > MAX_KEYWORD_LENGTH) {
        throw ImageRejectedException.corrupt("PNG tEXt chunk at byte " + chunk.offset()
            + " has no valid keyword");
      }
      String keyword = new String(png, start, separator - start, StandardCharsets.ISO_8859_1);
      String value = new String(png, separator + 1, start + chunk.length() - separator - 1,
          StandardCharsets.ISO_8859_1);
      entries.putIfAbsent(keyword, value);
    }
    return entries;
  }

  /** Refuses a keyword the PNG specification does not allow. */
  static void checkKeyword(String keyword) {
    Objects.requireNonNull(keyword, "keyword must not be null");
    int n = keyword.length();
    if (n < 1 || n > MAX_KEYWORD_LENGTH) {
      throw new IllegalArgumentException("keyword must be 1 to " + MAX_KEYWORD_LENGTH
          + " characters, got " + n);
    }
    for (int i = 0; i < n; i++) {
      char c = keyword.charAt(i);
      if (!((c >= 32 && c <= 126) || (c >= 161 && c <= 255))) {
        throw new IllegalArgumentException(String.format(
            "keyword must be printable Latin-1, got U+%04X at index %d", (int) c, i));
      }
    }
    if (keyword.startsWith(" ") || keyword.endsWith(" ") || keyword.contains("  ")) {
      throw new IllegalArgumentException(
          "keyword must not have leading, trailing or consecutive spaces: '" + keyword + "'");
    }
  }

  private static void checkValue(String keyword, String value) {
    Objects.requireNonNull(value, "value of '" + keyword + "' must not be null");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (!(c == '\n' || (c >= 32 && c <= 126) || (c >= 160 && c <= 255))) {
        throw new IllegalArgumentException(String.format("value of '%s' must be printable "
            + "Latin-1 text or line feeds, got U+%04X at index %d", keyword, (int) c, i));
      }
    }
  }

  /** The chunks of a whole PNG, IHDR first and IEND last. */
  private static List<PngChunk> requirePng(byte[] png) {
    if (ImageFormat.detect(png).orElse(null) != ImageFormat.PNG) {
      throw ImageRejectedException.unsupported("not a PNG file");
    }
    PngStructure structure = new PngStructure();
    structure.header(png);
    structure.checkIntegrity(png);
    return PngChunks.untilEnd(png);
  }

  private static void writeChunk(ByteArrayOutputStream out, String keyword, String value) {
    byte[] k = keyword.getBytes(StandardCharsets.ISO_8859_1);
    byte[] v = value.getBytes(StandardCharsets.ISO_8859_1);
    byte[] chunk = new byte[PngChunk.OVERHEAD + k.length + 1 + v.length];
    int length = k.length + 1 + v.length;
    putU32(chunk, 0, length);
    System.arraycopy(TEXT_TYPE, 0, chunk, 4, 4);
    System.arraycopy(k, 0, chunk, 8, k.length);
    System.arraycopy(v, 0, chunk, 8 + k.length + 1, v.length);
    putU32(chunk, 8 + length, PngChunks.crc(chunk, 4, 4 + length));
    out.write(chunk, 0, chunk.length);
  }

  private static void putU32(byte[] b, int at, long v) {
    b[at] = (byte) (v >>> 24);
    b[at + 1] = (byte) (v >>> 16);
    b[at + 2] = (byte) (v >>> 8);
    b[at + 3] = (byte) v;
  }
}
