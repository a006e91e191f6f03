package org.segfill.server.http;

import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Reads a request body into memory under a byte limit, on every path: a declared
 * {@code Content-Length} over the limit is refused before one byte is read, and a chunked or
 * streamed body is counted while it is read and refused at limit + 1 bytes. Javalin's own cap
 * applies only to {@code ctx.body()}, and multipart uploads are uncapped by default, so no route
 * reads a body any other way.
 */
public final class BoundedBody {

  /** Most unread body bytes an error response discards first (see {@link #discardRest}). */
  public static final long DISCARD_CAP = 2 * 1024 * 1024;

  private static final int CHUNK = 64 * 1024;

  private BoundedBody() {}

  /**
   * The body of {@code ctx}, at most {@code limit} bytes.
   *
   * @throws ApiException 413 naming the body and the limit
   */
  public static byte[] read(Context ctx, long limit) {
    long declared = ctx.req().getContentLengthLong();
    if (declared > limit) {
      throw tooLarge(declared + " bytes", limit);
    }
    int initial = (int) Math.min(declared > 0 ? declared : CHUNK, limit);
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(initial, 16));
    byte[] buffer = new byte[CHUNK];
    long total = 0;
    try {
      InputStream in = ctx.req().getInputStream();
      int n;
      while ((n = in.read(buffer)) != -1) {
        total += n;
        if (total > limit) {
          throw tooLarge("more than " + limit + " bytes", limit);
        }
        out.write(buffer, 0, n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading the request body failed", e);
    }
    return out.toByteArray();
  }

  /**
   * Reads and drops what is left of a refused request's body, up to {@link #DISCARD_CAP}
   * bytes, so the error response reaches the client: closing a connection with unread data
   * makes TCP reset it, and the reset can destroy a response still in flight. A declared length
   * over the cap is not read at all; the connection then closes after the response.
   */
  public static void discardRest(Context ctx) {
    long declared = ctx.req().getContentLengthLong();
    String encoding = ctx.req().getHeader("Transfer-Encoding");
    boolean chunked = encoding != null && encoding.toLowerCase(java.util.Locale.ROOT)
        .contains("chunked");
    if ((declared <= 0 && !chunked) || declared > DISCARD_CAP) {
      return;
    }
    try {
      InputStream in = ctx.req().getInputStream();
      byte[] buffer = new byte[CHUNK];
      long total = 0;
      int n;
      while (total < DISCARD_CAP && (n = in.read(buffer)) != -1) {
        total += n;
      }
    } catch (IOException | IllegalStateException e) {
      // The client is gone or the stream was used another way; the response goes out anyway.
    }
  }

  private static ApiException tooLarge(String size, long limit) {
    return ApiException.tooLarge("body", "body: " + size + "; at most " + limit
        + " bytes allowed on this route", limit);
  }
}
