package org.segfill.engine.sdxl;

import java.util.ArrayList;
import java.util.List;
import org.segfill.engine.backend.Session;
import org.segfill.engine.backend.ShapeRange;
import org.segfill.engine.backend.Shapes;

/**
 * The SDXL buckets the loaded graphs can run: those whose sides every spatial input's range
 * ({@link Session#inputRanges()}) admits, for the UNet's {@code sample}, the VAE encoder's
 * {@code sample} and the VAE decoder's {@code latent_sample}. ONNX Runtime reports no ranges, so
 * every bucket fits; TensorRT plans built for one size ({@code build-engines --static}) admit only
 * that bucket, and the pipeline picks it rather than fail inside TensorRT. Batch sizes are not
 * considered here: the plans' batch ranges follow the request limits ({@code count}).
 *
 * @param sizes the buckets every range admits, in {@link SdxlBuckets#all()} order
 * @param limits each range that excludes some bucket, as "the UNet's 'sample' [..]"; empty when
 *     every bucket fits
 */
record SupportedBuckets(List<SdxlBuckets.Size> sizes, List<String> limits) {

  SupportedBuckets {
    sizes = List.copyOf(sizes);
    limits = List.copyOf(limits);
  }

  /** One spatial input: whose, its name, and how many pixels one of its cells spans per side. */
  private record SpatialInput(String graph, Session session, String input, int pixelsPerCell) {}

  /**
   * The buckets the three graphs with spatial inputs all admit.
   *
   * @throws IllegalArgumentException when no bucket fits them all, naming the ranges
   */
  static SupportedBuckets of(Session unet, Session vaeEncoder, Session vaeDecoder) {
    List<SpatialInput> spatial = List.of(
        new SpatialInput("UNet", unet, "sample", SdxlContracts.VAE_SCALE),
        new SpatialInput("VAE encoder", vaeEncoder, "sample", 1),
        new SpatialInput("VAE decoder", vaeDecoder, "latent_sample", SdxlContracts.VAE_SCALE));
    List<SdxlBuckets.Size> sizes = new ArrayList<>(SdxlBuckets.all());
    List<String> limits = new ArrayList<>();
    for (SpatialInput s : spatial) {
      ShapeRange range = s.session().inputRanges().stream()
          .filter(r -> r.name().equals(s.input())).findFirst().orElse(null);
      if (range == null) {
        continue;
      }
      if (sizes.removeIf(b -> !admits(range, b, s.pixelsPerCell()))) {
        limits.add("the " + s.graph() + "'s '" + s.input() + "' " + Shapes.format(range.min())
            + " to " + Shapes.format(range.max()));
      }
    }
    if (sizes.isEmpty()) {
      throw new IllegalArgumentException("no SDXL size (" + SdxlBuckets.RULE + ") fits the"
          + " graphs' input ranges: " + String.join("; ", limits) + "; rebuild the TensorRT"
          + " engines with segfill build-engines (without --static, or --static with a bucket)");
    }
    return new SupportedBuckets(sizes, limits);
  }

  /** Whether some bucket is left out. */
  boolean restricted() {
    return sizes.size() < SdxlBuckets.all().size();
  }

  // NCHW: axis 2 is the height, axis 3 the width, in cells of pixelsPerCell pixels.
  private static boolean admits(ShapeRange range, SdxlBuckets.Size bucket, int pixelsPerCell) {
    long[] min = range.min();
    long[] max = range.max();
    if (min.length != 4) {
      return true;
    }
    long h = bucket.height() / pixelsPerCell;
    long w = bucket.width() / pixelsPerCell;
    return h >= min[2] && h <= max[2] && w >= min[3] && w <= max[3];
  }
}
