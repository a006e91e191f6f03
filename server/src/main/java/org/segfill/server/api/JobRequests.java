package org.segfill.server.api;

import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import org.segfill.engine.edit.EditRequest;
import org.segfill.engine.inpaint.BackgroundSpec;
import org.segfill.engine.inpaint.RepaintShape;
import org.segfill.engine.inpaint.Target;
import org.segfill.engine.sdxl.InpaintRequest;
import org.segfill.engine.sdxl.Region;
import org.segfill.engine.sdxl.scheduler.Sampler;
import org.segfill.server.http.ApiException;
import org.segfill.server.store.ImageStore;

/**
 * Turns a {@link JobBody} into the engine's {@link EditRequest}, filling product.md's defaults.
 * The engine's records check every range and name the field; those messages become 422s.
 */
final class JobRequests {

  /** Variants when the request names no count (product.md: 3). */
  static final int DEFAULT_COUNT = 3;

  private final SecureRandom random = new SecureRandom();

  /** The request {@code body} describes; {@code image:ID} backgrounds resolve in {@code images}. */
  EditRequest parse(JobBody body, ImageStore images) {
    Target target = body.target() == null ? Target.DEFAULT : Target.parse(body.target());
    BackgroundSpec background = null;
    if (body.background() != null) {
      if (target == Target.REMOVE) {
        throw ApiException.outOfRange("background", "background: not used with target=remove,"
            + " which fills the selection from its surroundings", null);
      }
      background = BackgroundSpec.parse(body.background(),
          id -> images.require(id, "background").image());
    }
    InpaintRequest generation = new InpaintRequest(target,
        body.prompt() == null ? "" : body.prompt(),
        body.negativePrompt(),
        or(body.guidanceScale(), InpaintRequest.DEFAULT_GUIDANCE),
        or(body.steps(), InpaintRequest.DEFAULT_STEPS),
        or(body.strength(), InpaintRequest.DEFAULT_STRENGTH),
        body.seed() == null ? random.nextLong(InpaintRequest.MAX_SEED + 1) : body.seed(),
        or(body.count(), DEFAULT_COUNT),
        body.sampler() == null ? Sampler.DEFAULT : Sampler.fromId(body.sampler()),
        body.region() == null ? Region.AUTO : Region.parse(body.region()),
        new RepaintShape(or(body.maskGrow(), RepaintShape.DEFAULT_GROW),
            or(body.maskFeather(), RepaintShape.DEFAULT_FEATHER)),
        body.colorMatch() == null || body.colorMatch());
    return new EditRequest(generation, background);
  }

  /** The request as the job echoes it back, defaults filled in and the seed chosen. */
  static Map<String, Object> summary(JobBody body, EditRequest request) {
    InpaintRequest g = request.generation();
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("image", body.image());
    s.put("mask", body.mask());
    s.put("target", g.target().id());
    s.put("background", request.background() == null ? null : request.background().text());
    s.put("prompt", g.prompt());
    s.put("negativePrompt", g.negativePrompt());
    s.put("guidanceScale", g.guidanceScale());
    s.put("steps", g.steps());
    s.put("strength", g.strength());
    s.put("seed", g.seed());
    s.put("count", g.count());
    s.put("sampler", g.sampler().id());
    s.put("region", g.region().id());
    s.put("maskGrow", g.shape().maskGrow());
    s.put("maskFeather", g.shape().maskFeather());
    s.put("colorMatch", g.colorMatch());
    s.put("previews", body.previews() == null || body.previews());
    return s;
  }

  private static int or(Integer v, int fallback) {
    return v == null ? fallback : v;
  }

  private static double or(Double v, double fallback) {
    return v == null ? fallback : v;
  }
}
