package org.segfill.server.api;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.segfill.engine.sam.MaskLogits;
import org.segfill.engine.segment.Box;
import org.segfill.engine.segment.Candidate;
import org.segfill.engine.segment.Point;
import org.segfill.engine.segment.Prompt;
import org.segfill.server.ServerLimits;
import org.segfill.server.engine.EngineSet;
import org.segfill.server.engine.Readiness;
import org.segfill.server.engine.SegmentLane;
import org.segfill.server.engine.SegmentOutcome;
import org.segfill.server.engine.Segmentation;
import org.segfill.server.http.ApiException;
import org.segfill.server.http.JsonBodies;
import org.segfill.server.http.Responses;
import org.segfill.server.http.Route;
import org.segfill.server.metrics.Metrics;
import org.segfill.server.store.ImageStore;
import org.segfill.server.store.MaskOrigin;
import org.segfill.server.store.MaskStore;
import org.segfill.server.store.StoredImage;
import org.segfill.server.store.StoredMask;

/**
 * {@code POST /v1/images/{id}/segment}: clicks (and a box) to masks on the segmentation lane.
 * Each candidate is stored as a mask; SAM's keep their low-res logits, so a later click can
 * name one as {@code previousMask} to refine it.
 */
public final class SegmentRoutes {

  private final ImageStore images;
  private final MaskStore masks;
  private final Readiness readiness;
  private final SegmentLane lane;
  private final ServerLimits limits;
  private final Metrics metrics;

  /** Routes over the stores, running clicks on {@code lane}. */
  public SegmentRoutes(ImageStore images, MaskStore masks, Readiness readiness,
      SegmentLane lane, ServerLimits limits, Metrics metrics) {
    this.images = images;
    this.masks = masks;
    this.readiness = readiness;
    this.lane = lane;
    this.limits = limits;
    this.metrics = metrics;
  }

  /** The routes of this group. */
  public List<Route> routes() {
    return List.of(Route.post("/v1/images/{id}/segment", this::segment));
  }

  private void segment(Context ctx) throws Exception {
    EngineSet engines = readiness.require();
    StoredImage image = images.require(ctx.pathParam("id"), "id");
    SegmentBody body = JsonBodies.read(ctx, limits.maxJsonBytes(), SegmentBody.class);
    Segmentation segmentation = engines.segmentation();
    Prompt prompt = prompt(body, segmentation);
    MaskLogits previous = previous(body, image, segmentation);
    boolean multimask = Boolean.TRUE.equals(body.multimask());
    SegmentOutcome outcome = lane.run(
        () -> segmentation.segment(image, prompt, previous, multimask));
    outcome.timingsMs().forEach((stage, ms) -> {
      if (!stage.equals("total")) {
        metrics.stageSeconds().observe(ms / 1000.0, outcome.engine() + "_" + stage);
      }
    });
    Responses.json(ctx, 200, response(image, outcome, segmentation));
  }

  private Prompt prompt(SegmentBody body, Segmentation segmentation) {
    if (body.points() == null && body.box() == null) {
      throw ApiException.malformed("points", "points: missing; give points, a box or both");
    }
    List<SegmentBody.PointBody> given = body.points() == null ? List.of() : body.points();
    if (given.size() > limits.maxPoints()) {
      String allowed = "[0, " + limits.maxPoints() + "]";
      throw ApiException.outOfRange("points", "points: the count must be in " + allowed
          + ", got " + given.size() + " points", allowed);
    }
    List<Point> points = new ArrayList<>();
    for (int i = 0; i < given.size(); i++) {
      SegmentBody.PointBody p = given.get(i);
      String at = "points[" + i + "]";
      if (p == null) {
        throw ApiException.malformed(at, at + ": null; expected {x, y, positive}");
      }
      if (p.x() == null) {
        throw ApiException.malformed(at + ".x", at + ".x: missing");
      }
      if (p.y() == null) {
        throw ApiException.malformed(at + ".y", at + ".y: missing");
      }
      points.add(new Point(p.x(), p.y(), p.positive() == null || p.positive()));
    }
    Box box = null;
    if (body.box() != null) {
      if (!segmentation.supportsBox()) {
        throw ApiException.outOfRange("box", "box: this SAM bundle (hf layout) has no box"
            + " input; send points only, or install a sam-onnx bundle", null);
      }
      SegmentBody.BoxBody b = body.box();
      if (b.x0() == null || b.y0() == null || b.x1() == null || b.y1() == null) {
        throw ApiException.malformed("box", "box: needs x0, y0, x1 and y1");
      }
      box = new Box(b.x0(), b.y0(), b.x1(), b.y1());
    }
    return new Prompt(points, box);
  }

  private MaskLogits previous(SegmentBody body, StoredImage image, Segmentation segmentation) {
    if (body.previousMask() == null) {
      return null;
    }
    if (!segmentation.supportsPreviousMask()) {
      throw ApiException.outOfRange("previousMask", "previousMask: the segmenter in use ("
          + segmentation.describe().get("engine") + ", layout "
          + segmentation.describe().get("layout") + ") cannot refine from a previous mask;"
          + " send all the points instead", null);
    }
    StoredMask mask = masks.require(body.previousMask(), "previousMask");
    if (mask.logits() == null) {
      throw ApiException.conflict("mask-not-refinable", "previousMask", "previousMask: mask "
          + mask.id() + " is " + mask.origin().id() + "; only a mask SAM returned for this"
          + " image can refine a click");
    }
    if (!mask.imageId().equals(image.id())) {
      throw ApiException.conflict("mask-not-refinable", "previousMask", "previousMask: mask "
          + mask.id() + " belongs to image " + mask.imageId() + ", not " + image.id());
    }
    return mask.logits();
  }

  private Map<String, Object> response(StoredImage image, SegmentOutcome outcome,
      Segmentation segmentation) {
    MaskOrigin origin = outcome.engine().equals("sam") ? MaskOrigin.SAM : MaskOrigin.CLASSIC;
    List<Map<String, Object>> list = new ArrayList<>();
    String best = null;
    for (int i = 0; i < outcome.candidates().size(); i++) {
      Candidate c = outcome.candidates().get(i);
      StoredMask stored = masks.put(image.id(), image.width(), image.height(), c.mask(), origin,
          outcome.logits().get(i));
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", stored.id());
      m.put("score", Responses.score(c.score()));
      m.put("area", c.area());
      m.put("url", "/v1/masks/" + stored.id() + ".png");
      list.add(m);
      if (i == outcome.best()) {
        best = stored.id();
      }
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("image", image.id());
    json.put("engine", outcome.engine());
    json.put("layout", segmentation.describe().get("layout"));
    json.put("masks", list);
    json.put("best", best);
    json.put("bestIndex", outcome.best());
    json.put("embeddingCached", outcome.embeddingCached());
    json.put("timings", outcome.timingsMs());
    return json;
  }
}
