package org.segfill.models.testbundle;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes the tiny bundles' JSON files: pretty-printed UTF-8, keys in insertion order. */
final class JsonFiles {

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonFiles() {}

  /** Writes {@code value} (maps, lists, strings, numbers, booleans, null) to {@code file}. */
  static Path write(Path file, Object value) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.write(file, MAPPER.writeValueAsBytes(value));
    return file;
  }

  /** An ordered JSON object from alternating keys and values. */
  static Map<String, Object> object(Object... keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("keysAndValues: needs pairs, found "
          + keysAndValues.length + " items");
    }
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }
}
