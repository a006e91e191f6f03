package org.segfill.server.api;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.segfill.engine.image.DecodedPixels;
import org.segfill.engine.image.ImageDecoder;
import org.segfill.engine.image.ImageRejectedException;
import org.segfill.engine.image.PngEncoder;
import org.segfill.engine.mask.Mask;
import org.segfill.engine.mask.MaskEdit;
import org.segfill.engine.mask.MaskEditor;
import org.segfill.engine.mask.UploadedMask;
import org.segfill.server.ServerLimits;
import org.segfill.server.http.ApiException;
import org.segfill.server.http.JsonBodies;
import org.segfill.server.http.ProblemMapper;
import org.segfill.server.http.Responses;
import org.segfill.server.http.Route;
import org.segfill.server.store.ImageStore;
import org.segfill.server.store.MaskOrigin;
import org.segfill.server.store.MaskStore;
import org.segfill.server.store.StoredImage;
import org.segfill.server.store.StoredMask;

/**
 * {@code POST /v1/masks} (upload a mask for an image), {@code GET /v1/masks/{id}.png} and
 * {@code POST /v1/masks/{id}/edit}. Native masks exist only inside one request, in
 * try-with-resources.
 */
public final class MaskRoutes {

  private final ImageStore images;
  private final MaskStore masks;
  private final ImageDecoder decoder;
  private final ServerLimits limits;
  private final MaskEditor editor = new MaskEditor();

  /** Routes over the stores, decoding uploads with {@code decoder}. */
  public MaskRoutes(ImageStore images, MaskStore masks, ImageDecoder decoder,
      ServerLimits limits) {
    this.images = images;
    this.masks = masks;
    this.decoder = decoder;
    this.limits = limits;
  }

  /** The routes of this group. */
  public List<Route> routes() {
    return List.of(Route.post("/v1/masks", this::upload),
        Route.get("/v1/masks/{id}.png", this::png),
        Route.post("/v1/masks/{id}/edit", this::edit));
  }

  private void upload(Context ctx) {
    UploadBody body = UploadBody.read(ctx, limits);
    String imageId = body.form().isPresent() ? body.form().get().text("image").orElse(null)
        : ctx.queryParam("image");
    if (imageId == null || imageId.isEmpty()) {
      throw ApiException.malformed("image", "image: missing; name the image this mask is for"
          + " (multipart field 'image', or ?image=ID with a raw body)");
    }
    StoredImage image = images.require(imageId, "image");
    DecodedPixels pixels;
    try {
      pixels = decoder.decodePixels(body.file());
    } catch (ImageRejectedException e) {
      throw ProblemMapper.image(e, "file");
    }
    if (pixels.width() != image.width() || pixels.height() != image.height()) {
      throw ApiException.outOfRange("file", "file: the mask is " + pixels.width() + "x"
          + pixels.height() + " but image " + image.id() + " is " + image.width() + "x"
          + image.height() + "; a mask must have its image's size",
          image.width() + "x" + image.height());
    }
    byte[] binary;
    try (Mask mask = UploadedMask.toMask(image.width(), image.height(), pixels.width(),
        pixels.height(), pixels.channels(), pixels.pixels())) {
      binary = mask.toArray();
    }
    StoredMask stored = masks.put(image.id(), image.width(), image.height(), binary,
        MaskOrigin.UPLOADED, null);
    created(ctx, stored);
  }

  private void png(Context ctx) {
    StoredMask mask = masks.require(ctx.pathParam("id"), "id");
    ctx.header("Cache-Control", "private, max-age=31536000, immutable");
    Responses.png(ctx, PngEncoder.encodeGray(mask.width(), mask.height(), mask.pixels()));
  }

  private void edit(Context ctx) {
    StoredMask source = masks.require(ctx.pathParam("id"), "id");
    MaskEditBody body = JsonBodies.read(ctx, limits.maxJsonBytes(), MaskEditBody.class);
    List<MaskEdit> edits = MaskOps.parse(body.ops(),
        (long) source.width() * source.height());
    byte[] result;
    try (Mask mask = Mask.of(source.width(), source.height(), source.pixels());
        Mask edited = editor.apply(mask, edits)) {
      result = edited.toArray();
    }
    StoredMask stored = masks.put(source.imageId(), source.width(), source.height(), result,
        MaskOrigin.EDITED, null);
    created(ctx, stored);
  }

  private static void created(Context ctx, StoredMask mask) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", mask.id());
    json.put("image", mask.imageId());
    json.put("width", mask.width());
    json.put("height", mask.height());
    json.put("area", mask.area());
    json.put("origin", mask.origin().id());
    json.put("url", "/v1/masks/" + mask.id() + ".png");
    ctx.header("Location", "/v1/masks/" + mask.id() + ".png");
    Responses.json(ctx, 201, json);
  }
}
