package org.segfill.server.jobs;

import java.util.Map;
import org.segfill.engine.edit.EditRequest;
import org.segfill.engine.image.RgbImage;

/**
 * Everything a job needs, resolved when it is accepted, so that cache evictions while it waits
 * cannot affect it.
 *
 * @param image the photo
 * @param maskWidth the selection's width (the image's)
 * @param maskHeight the selection's height
 * @param maskPixels the selection, 255 = subject
 * @param request the validated edit request
 * @param previews whether step events carry a small preview image
 * @param summary the request as the API echoes it back
 */
public record JobSpec(RgbImage image, int maskWidth, int maskHeight, byte[] maskPixels,
    EditRequest request, boolean previews, Map<String, Object> summary) {

  public JobSpec {
    summary = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(summary));
  }
}
