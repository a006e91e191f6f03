package org.segfill.server.api;

import io.javalin.http.Context;
import java.util.Locale;
import java.util.Optional;
import org.segfill.server.ServerLimits;
import org.segfill.server.http.ApiException;
import org.segfill.server.http.BoundedBody;
import org.segfill.server.http.MultipartForm;

/**
 * An uploaded file, sent either raw (the body, with an {@code image/*} or
 * {@code application/octet-stream} content type) or as the {@code file} field of a
 * {@code multipart/form-data} form. Either way the body is read under the upload limit; the
 * format is later decided by magic bytes, never by a content type or file name.
 *
 * @param file the file's bytes
 * @param form the multipart form it came in, if any (for its other fields)
 */
record UploadBody(byte[] file, Optional<MultipartForm> form) {

  static UploadBody read(Context ctx, ServerLimits limits) {
    String type = ctx.contentType();
    if (MultipartForm.isMultipart(type)) {
      byte[] body = BoundedBody.read(ctx,
          limits.maxUploadBytes() + ServerLimits.MULTIPART_OVERHEAD_BYTES);
      MultipartForm form = MultipartForm.parse(body, type);
      MultipartForm.Part file = form.part("file").orElseThrow(() -> ApiException.malformed(
          "file", "file: missing; send the image as the multipart field 'file' (got "
              + form.names() + ")"));
      if (file.data().length > limits.maxUploadBytes()) {
        throw ApiException.tooLarge("file", "file: " + file.data().length + " bytes; at most "
            + limits.maxUploadBytes() + " allowed", limits.maxUploadBytes());
      }
      return new UploadBody(file.data(), Optional.of(form));
    }
    String lower = type == null ? "" : type.toLowerCase(Locale.ROOT);
    if (!lower.startsWith("image/") && !lower.startsWith("application/octet-stream")) {
      throw ApiException.unsupportedMedia("Content-Type", "Content-Type: expected an image"
          + " type (image/png, image/jpeg, image/webp, image/bmp), application/octet-stream or"
          + " multipart/form-data, got " + (type == null ? "none" : "'" + type + "'"));
    }
    return new UploadBody(BoundedBody.read(ctx, limits.maxUploadBytes()), Optional.empty());
  }
}
