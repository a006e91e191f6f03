package org.segfill.server.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Reads JSON request bodies strictly: {@code application/json} only, bounded in bytes and in
 * nesting depth, unknown fields refused, no coercion of strings to numbers or floats to ints.
 * Every failure is a 400 naming the field by its JSON path, e.g. {@code points[3].x}.
 */
public final class JsonBodies {

  /** Deepest nesting accepted (reliability.md B2 rejects 120 and accepts 50). */
  public static final int MAX_DEPTH = 64;

  private static final ObjectMapper STRICT = JsonMapper.builder(JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH)
              .build())
          .build())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
      .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .build();

  private JsonBodies() {}

  /**
   * The body of {@code ctx} as {@code type}.
   *
   * @throws ApiException 415 for another content type, 413 over {@code limit}, 400 for
   *     anything that does not parse into {@code type}
   */
  public static <T> T read(Context ctx, long limit, Class<T> type) {
    String contentType = ctx.contentType();
    if (contentType == null
        || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      throw ApiException.unsupportedMedia("Content-Type", "Content-Type: expected"
          + " application/json, got " + (contentType == null ? "none" : "'" + contentType + "'"));
    }
    byte[] body = BoundedBody.read(ctx, limit);
    if (body.length == 0) {
      throw ApiException.malformed("body", "body: empty; expected a JSON object");
    }
    try {
      // The tree first, so the depth limit holds whatever the target type would stop at.
      JsonNode tree = STRICT.readTree(body);
      if (tree == null || !tree.isObject()) {
        throw ApiException.malformed("body", "body: expected a JSON object");
      }
      T value = STRICT.treeToValue(tree, type);
      if (value == null) {
        throw ApiException.malformed("body", "body: null; expected a JSON object");
      }
      return value;
    } catch (JsonProcessingException e) {
      throw describe(e);
    } catch (IOException e) {
      throw ApiException.malformed("body", "body: unreadable: " + e.getMessage());
    }
  }

  /** A 400 naming the field and what was wrong with it. */
  static ApiException describe(JsonProcessingException e) {
    if (e instanceof StreamConstraintsException) {
      return ApiException.malformed("body", "body: JSON nested deeper than " + MAX_DEPTH
          + " levels");
    }
    if (e instanceof InputCoercionException c) {
      String field = currentName(c);
      return ApiException.outOfRange(field, field + ": " + c.getOriginalMessage(), null);
    }
    if (e instanceof JsonMappingException m && m.getCause() instanceof InputCoercionException c) {
      String field = path(m);
      return ApiException.outOfRange(field, field + ": " + c.getOriginalMessage(), null);
    }
    if (e instanceof UnrecognizedPropertyException u) {
      String field = path(u);
      String known = u.getKnownPropertyIds() == null ? "" : "; known fields: "
          + u.getKnownPropertyIds().stream().map(Object::toString).sorted()
              .collect(Collectors.joining(", "));
      return ApiException.malformed(field, field + ": unknown field" + known);
    }
    if (e instanceof InvalidFormatException f) {
      String field = path(f);
      return ApiException.malformed(field, field + ": expected " + describe(f.getTargetType())
          + ", got " + f.getValue());
    }
    if (e instanceof MismatchedInputException m && !m.getPath().isEmpty()) {
      String field = path(m);
      return ApiException.malformed(field, field + ": expected " + describe(m.getTargetType()));
    }
    String where = e.getLocation() == null ? ""
        : " at line " + e.getLocation().getLineNr() + ", column "
            + e.getLocation().getColumnNr();
    return ApiException.malformed("body", "body: not a valid JSON object" + where + " ("
        + e.getOriginalMessage() + ")");
  }

  private static String describe(Class<?> type) {
    if (type == null) {
      return "another type";
    }
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "a whole number";
    }
    if (type == Double.class || type == double.class || type == Float.class) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a string";
    }
    if (java.util.List.class.isAssignableFrom(type)) {
      return "an array";
    }
    return "an object";
  }

  private static String currentName(InputCoercionException e) {
    Object processor = e.getProcessor();
    if (processor instanceof JsonParser p && p.getParsingContext() != null
        && p.getParsingContext().getCurrentName() != null) {
      return p.getParsingContext().getCurrentName();
    }
    return "body";
  }

  /** The JSON path of a mapping error, e.g. {@code points[3].x}. */
  static String path(JsonMappingException e) {
    StringBuilder out = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        if (out.length() > 0) {
          out.append('.');
        }
        out.append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        out.append('[').append(r.getIndex()).append(']');
      }
    }
    return out.length() == 0 ? "body" : out.toString();
  }
}
