package org.segfill.engine.sdxl.tokenizer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * {@code vocab.json}: one JSON object from token (in {@link ByteLevel} characters, with
 * {@code </w>} on word ends) to id. A token listed twice keeps its later id, as Python's JSON
 * reader does.
 */
final class Vocabulary {

  private static final JsonFactory JSON = new JsonFactory();

  private final Map<String, Integer> ids;

  private Vocabulary(Map<String, Integer> ids) {
    this.ids = ids;
  }

  /**
   * Reads {@code file}.
   *
   * @throws IllegalArgumentException naming the file (and line, where there is one) if it is
   *     missing, not JSON, not one object, or maps a token to anything but an id in [0, 2^31)
   */
  static Vocabulary read(Path file) {
    Map<String, Integer> ids = new HashMap<>();
    try (JsonParser parser = JSON.createParser(Files.newInputStream(file))) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw malformed(file, parser, "expected one JSON object from token to id");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String token = parser.currentName();
        JsonToken value = parser.nextToken();
        if (value != JsonToken.VALUE_NUMBER_INT
            || parser.getNumberType() != JsonParser.NumberType.INT || parser.getIntValue() < 0) {
          throw malformed(file, parser, "the id of token '" + token
              + "' is not an integer in [0, 2^31)");
        }
        ids.put(token, parser.getIntValue());
      }
      if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
        throw malformed(file, parser, "expected the object to end the file");
      }
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(file + ": missing; a CLIP tokenizer folder holds"
          + " vocab.json and merges.txt");
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(file + " line " + e.getLocation().getLineNr()
          + ": malformed JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    if (ids.isEmpty()) {
      throw new IllegalArgumentException(file + ": no tokens");
    }
    return new Vocabulary(ids);
  }

  /** The id of {@code token}, if the vocabulary has it. */
  OptionalInt id(String token) {
    Integer id = ids.get(token);
    return id == null ? OptionalInt.empty() : OptionalInt.of(id);
  }

  /** How many tokens the file lists. */
  int size() {
    return ids.size();
  }

  private static IllegalArgumentException malformed(Path file, JsonParser parser, String what) {
    return new IllegalArgumentException(file + " line " + parser.currentLocation().getLineNr()
        + ": " + what);
  }
}
