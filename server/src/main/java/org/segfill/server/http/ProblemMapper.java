package org.segfill.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.segfill.engine.backend.DeviceFault;
import org.segfill.engine.image.ImageRejectedException;
import org.segfill.engine.sdxl.NonFiniteOutputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one table from exceptions to HTTP statuses, and the writer of every error response as
 * {@code application/problem+json}.
 *
 * <table>
 *   <caption>exception to status</caption>
 *   <tr><td>{@link ApiException}</td><td>its own status</td></tr>
 *   <tr><td>{@link ImageRejectedException}</td><td>UNSUPPORTED_FORMAT 415, TOO_LARGE 413,
 *       CORRUPT 400, EMPTY 400</td></tr>
 *   <tr><td>{@link JsonProcessingException}</td><td>400 (see {@link JsonBodies})</td></tr>
 *   <tr><td>Javalin's {@link HttpResponseException} (unknown route, 405)</td>
 *       <td>its status</td></tr>
 *   <tr><td>{@link IllegalArgumentException} (the engine's validation, which names the field
 *       first)</td><td>422</td></tr>
 *   <tr><td>{@link UnsupportedOperationException} (a request the installed engines cannot
 *       serve)</td><td>422</td></tr>
 *   <tr><td>anything else</td><td>500, logged with an incident id that the detail quotes</td>
 *       </tr>
 * </table>
 */
public final class ProblemMapper {

  private static final Logger LOG = LoggerFactory.getLogger(ProblemMapper.class);
  // Engine messages start with the field: "steps: must be in [1, 150]", "points[3].x must be".
  private static final Pattern FIELD = Pattern.compile("^([A-Za-z][A-Za-z0-9_]*(?:\\[\\d+\\])?"
      + "(?:\\.[A-Za-z][A-Za-z0-9_]*(?:\\[\\d+\\])?)*)(?::|\\s)");
  private static final Pattern RANGE = Pattern.compile("must be in ([\\[(][^\\])]*[\\])])");

  /** The problem {@code e} stands for. */
  public ApiException toApiException(Exception e) {
    if (e instanceof ApiException api) {
      return api;
    }
    if (e instanceof ImageRejectedException rejected) {
      return image(rejected, "image");
    }
    if (e instanceof JsonProcessingException json) {
      return JsonBodies.describe(json);
    }
    if (e instanceof HttpResponseException h) {
      String type = h.getStatus() == 404 ? "not-found"
          : h.getStatus() == 405 ? "method-not-allowed" : "http-" + h.getStatus();
      return ApiException.of(h.getStatus(), type, null, h.getMessage());
    }
    if (e instanceof IllegalArgumentException || e instanceof UnsupportedOperationException) {
      return outOfRange(e.getMessage());
    }
    if (e instanceof NonFiniteOutputException numbers) {
      LOG.error("non-finite generation output", e);
      return ApiException.of(500, "numerical-error", null, numbers.getMessage());
    }
    DeviceFault fault = DeviceFault.stickyIn(e);
    if (fault != null) {
      LOG.error("sticky CUDA error: the process will exit", e);
      return ApiException.of(500, "cuda-fatal", null, fault.getMessage());
    }
    String incident = UUID.randomUUID().toString();
    LOG.error("internal error, incident {}", incident, e);
    return ApiException.of(500, "internal", null, "internal error; the server log has the"
        + " details under incident " + incident);
  }

  /** An image refusal as a problem naming {@code field}. */
  public static ApiException image(ImageRejectedException e, String field) {
    String detail = field.equals("image") ? e.getMessage()
        : e.getMessage().replaceFirst("^image:", field + ":");
    return switch (e.kind()) {
      case UNSUPPORTED_FORMAT -> ApiException.unsupportedMedia(field, detail);
      case TOO_LARGE -> ApiException.of(413, "too-large", field, detail);
      case CORRUPT -> ApiException.of(400, "corrupt-image", field, detail);
      case EMPTY -> ApiException.of(400, "empty-image", field, detail);
    };
  }

  /** A 422 for an engine validation message, with its field and allowed range read from it. */
  public static ApiException outOfRange(String message) {
    String text = message == null ? "invalid value" : message;
    Matcher field = FIELD.matcher(text);
    Matcher range = RANGE.matcher(text);
    return ApiException.outOfRange(field.find() ? field.group(1) : null, text,
        range.find() ? range.group(1) : null);
  }

  /** Writes {@code e}'s problem document as the response. */
  public void write(Context ctx, Exception e) {
    ApiException api = toApiException(e);
    BoundedBody.discardRest(ctx);
    ctx.status(api.status());
    api.headers().forEach(ctx::header);
    ctx.contentType(Problem.MEDIA_TYPE);
    ctx.result(Responses.json(Problem.of(api).toJson()));
  }
}
