package org.segfill.server.jobs;

import java.util.Base64;
import org.segfill.engine.image.PngEncoder;
import org.segfill.engine.image.Resampler;
import org.segfill.engine.image.RgbImage;
import org.segfill.kernels.ImageKernels;

/** Step previews as small PNG data URIs for server-sent events. */
final class Previews {

  /** Longest side of a preview, in pixels. */
  static final int MAX_SIDE = 128;

  private final Resampler resampler = new Resampler();

  /** {@code preview} at most {@value #MAX_SIDE} px per side, as a {@code data:} URI. */
  String dataUri(RgbImage preview) {
    RgbImage small = preview;
    int side = Math.max(preview.width(), preview.height());
    if (side > MAX_SIDE) {
      double s = (double) MAX_SIDE / side;
      small = resampler.resize(preview, Math.max(1, (int) Math.round(preview.width() * s)),
          Math.max(1, (int) Math.round(preview.height() * s)), ImageKernels.Filter.BILINEAR);
    }
    return "data:image/png;base64,"
        + Base64.getEncoder().encodeToString(PngEncoder.encode(small));
  }
}
