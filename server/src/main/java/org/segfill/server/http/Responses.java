package org.segfill.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;

/** Writes JSON and PNG responses with our own content types. */
public final class Responses {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Responses() {}

  /** {@code value} as UTF-8 JSON bytes. */
  public static byte[] json(Object value) {
    try {
      return JSON.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("response is not JSON-serialisable", e);
    }
  }

  /** Answers {@code status} with {@code value} as JSON. */
  public static void json(Context ctx, int status, Object value) {
    ctx.status(status).contentType("application/json").result(json(value));
  }

  /** Answers 200 with PNG bytes we encoded ourselves. */
  public static void png(Context ctx, byte[] png) {
    ctx.status(200).contentType("image/png").result(png);
  }

  /** A score for JSON: NaN (GrabCut has no confidence) becomes null. */
  public static Double score(float score) {
    return Float.isNaN(score) ? null : (double) score;
  }
}
