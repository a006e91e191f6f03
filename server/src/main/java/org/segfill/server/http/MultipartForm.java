package org.segfill.server.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code multipart/form-data} body, parsed in memory from bytes already read under the upload
 * limit (Jetty's multipart support is uncapped by default and spills to disk, see
 * reliability.md C2). At most {@value #MAX_PARTS} parts; part headers at most
 * {@value #MAX_HEADER_BYTES} bytes. A client's file name is kept for nothing: ids name what we
 * store.
 */
public final class MultipartForm {

  /** Most parts accepted in one form. */
  public static final int MAX_PARTS = 8;
  /** Largest header block of one part. */
  public static final int MAX_HEADER_BYTES = 8192;

  private static final Pattern BOUNDARY = Pattern.compile("boundary=(\"([^\"]+)\"|[^;\\s]+)",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern NAME = Pattern.compile(";\\s*name=\"([^\"]*)\"",
      Pattern.CASE_INSENSITIVE);

  /** One part: its form field name, declared content type (or null) and bytes. */
  public record Part(String name, String contentType, byte[] data) {}

  private final List<Part> parts;

  private MultipartForm(List<Part> parts) {
    this.parts = List.copyOf(parts);
  }

  /** Whether {@code contentType} declares multipart/form-data. */
  public static boolean isMultipart(String contentType) {
    return contentType != null
        && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data");
  }

  /**
   * Parses {@code body} whose {@code Content-Type} is {@code contentType}.
   *
   * @throws ApiException 400 for a missing boundary, a malformed body or too many parts
   */
  public static MultipartForm parse(byte[] body, String contentType) {
    Matcher m = BOUNDARY.matcher(contentType);
    if (!m.find()) {
      throw ApiException.malformed("Content-Type", "Content-Type: multipart/form-data without"
          + " a boundary");
    }
    String boundary = m.group(2) != null ? m.group(2) : m.group(1);
    byte[] dash = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    byte[] delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    int at = indexOf(body, dash, 0);
    if (at < 0) {
      throw malformed("no boundary line");
    }
    at += dash.length;
    List<Part> parts = new ArrayList<>();
    while (true) {
      if (startsWith(body, at, "--")) {
        return new MultipartForm(parts);
      }
      if (!startsWith(body, at, "\r\n")) {
        throw malformed("boundary not followed by CRLF");
      }
      at += 2;
      int headerEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), at);
      if (headerEnd < 0 || headerEnd - at > MAX_HEADER_BYTES) {
        throw malformed("part headers missing or over " + MAX_HEADER_BYTES + " bytes");
      }
      String headers = new String(body, at, headerEnd - at, StandardCharsets.ISO_8859_1);
      int dataStart = headerEnd + 4;
      int dataEnd = indexOf(body, delimiter, dataStart);
      if (dataEnd < 0) {
        throw malformed("a part is not closed by the boundary");
      }
      if (parts.size() == MAX_PARTS) {
        throw ApiException.malformed("body", "body: more than " + MAX_PARTS + " multipart"
            + " parts");
      }
      byte[] data = new byte[dataEnd - dataStart];
      System.arraycopy(body, dataStart, data, 0, data.length);
      parts.add(part(headers, data));
      at = dataEnd + delimiter.length;
    }
  }

  /** The first part named {@code name}. */
  public Optional<Part> part(String name) {
    return parts.stream().filter(p -> p.name().equals(name)).findFirst();
  }

  /** The first part named {@code name} as UTF-8 text. */
  public Optional<String> text(String name) {
    return part(name).map(p -> new String(p.data(), StandardCharsets.UTF_8).trim());
  }

  /** Every part's name, in order. */
  public List<String> names() {
    return parts.stream().map(Part::name).toList();
  }

  private static Part part(String headers, byte[] data) {
    String name = null;
    String type = null;
    for (String line : headers.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        throw malformed("a part header without ':'");
      }
      String key = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = line.substring(colon + 1).trim();
      if (key.equals("content-disposition")) {
        Matcher n = NAME.matcher(value);
        if (n.find()) {
          name = n.group(1);
        }
      } else if (key.equals("content-type")) {
        type = value;
      }
    }
    if (name == null) {
      throw malformed("a part without a form field name");
    }
    return new Part(name, type, data);
  }

  private static ApiException malformed(String what) {
    return ApiException.malformed("body", "body: malformed multipart/form-data: " + what);
  }

  private static boolean startsWith(byte[] b, int at, String s) {
    if (at + s.length() > b.length) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (b[at + i] != (byte) s.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  static int indexOf(byte[] haystack, byte[] needle, int from) {
    byte first = needle[0];
    int last = haystack.length - needle.length;
    outer:
    for (int i = Math.max(from, 0); i <= last; i++) {
      if (haystack[i] != first) {
        continue;
      }
      for (int j = 1; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
