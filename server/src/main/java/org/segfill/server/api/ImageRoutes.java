package org.segfill.server.api;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.segfill.engine.image.ImageRejectedException;
import org.segfill.server.ServerLimits;
import org.segfill.server.engine.Readiness;
import org.segfill.server.engine.SegmentLane;
import org.segfill.server.http.ProblemMapper;
import org.segfill.server.http.Responses;
import org.segfill.server.http.Route;
import org.segfill.server.store.ImageStore;
import org.segfill.server.store.StoredImage;

/**
 * {@code POST /v1/images} (upload; starts the SAM embedding in the background so the first
 * click is fast) and {@code GET /v1/images/{id}} (our own PNG re-encoding).
 */
public final class ImageRoutes {

  private final ImageStore images;
  private final Readiness readiness;
  private final SegmentLane lane;
  private final ServerLimits limits;

  /** Routes over {@code images}. */
  public ImageRoutes(ImageStore images, Readiness readiness, SegmentLane lane,
      ServerLimits limits) {
    this.images = images;
    this.readiness = readiness;
    this.lane = lane;
    this.limits = limits;
  }

  /** The routes of this group. */
  public List<Route> routes() {
    return List.of(Route.post("/v1/images", this::upload),
        Route.get("/v1/images/{id}", this::download));
  }

  private void upload(Context ctx) {
    UploadBody body = UploadBody.read(ctx, limits);
    ImageStore.Upload upload;
    try {
      upload = images.put(body.file());
    } catch (ImageRejectedException e) {
      throw ProblemMapper.image(e, body.form().isPresent() ? "file" : "image");
    }
    StoredImage image = upload.image();
    readiness.engines().ifPresent(engines -> lane.background("embedding of " + image.id(),
        () -> engines.segmentation().precompute(image)));
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", image.id());
    json.put("width", image.width());
    json.put("height", image.height());
    json.put("url", "/v1/images/" + image.id());
    json.put("reused", upload.reused());
    ctx.header("Location", "/v1/images/" + image.id());
    Responses.json(ctx, 201, json);
  }

  private void download(Context ctx) {
    StoredImage image = images.require(ctx.pathParam("id"), "id");
    // Content-addressed: the same id always names the same bytes.
    ctx.header("Cache-Control", "private, max-age=31536000, immutable");
    Responses.png(ctx, image.png());
  }
}
