package org.segfill.server;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Builds multipart/form-data bodies for the tests. */
final class Multipart {

  static final String BOUNDARY = "segfill-test-boundary-7d3f";
  static final String CONTENT_TYPE = "multipart/form-data; boundary=" + BOUNDARY;

  private Multipart() {}

  /** A form with text fields and one file part. */
  static byte[] form(Map<String, String> fields, String fileField, String fileName,
      String fileType, byte[] file) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    fields.forEach((k, v) -> write(out, "--" + BOUNDARY + "\r\nContent-Disposition: form-data;"
        + " name=\"" + k + "\"\r\n\r\n" + v + "\r\n"));
    write(out, "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + fileField
        + "\"; filename=\"" + fileName + "\"\r\nContent-Type: " + fileType + "\r\n\r\n");
    out.writeBytes(file);
    write(out, "\r\n--" + BOUNDARY + "--\r\n");
    return out.toByteArray();
  }

  private static void write(ByteArrayOutputStream out, String s) {
    out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
  }
}
