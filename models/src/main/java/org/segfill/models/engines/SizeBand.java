package org.segfill.models.engines;

import java.util.List;
import java.util.Objects;
import org.segfill.engine.sdxl.SdxlBuckets;
import org.segfill.engine.sdxl.SdxlContracts;

/**
 * The image sizes one optimisation profile of the SDXL UNet and VAE plans covers: a box of
 * latent sides (one cell is 8x8 pixels) and the bucket TensorRT tunes for. TensorRT reserves
 * activation memory for the box's largest corner, so the box is kept close to the buckets it
 * must hold ({@link BucketBands}).
 *
 * @param name what the band holds, e.g. "landscape", or "static 1024x1024"
 * @param minHeight smallest latent height
 * @param maxHeight largest latent height
 * @param minWidth smallest latent width
 * @param maxWidth largest latent width
 * @param opt the bucket the builder tunes for (kOPT), inside the box
 */
public record SizeBand(String name, int minHeight, int maxHeight, int minWidth, int maxWidth,
    SdxlBuckets.Size opt) {

  public SizeBand {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(opt, "opt");
    if (minHeight < 1 || minHeight > maxHeight || minWidth < 1 || minWidth > maxWidth) {
      throw new IllegalArgumentException(name + ": need 1 <= min <= max latent sides, got height "
          + minHeight + ".." + maxHeight + ", width " + minWidth + ".." + maxWidth);
    }
    if (!inside(opt, minHeight, maxHeight, minWidth, maxWidth)) {
      throw new IllegalArgumentException(name + ": opt " + opt + " is outside the box");
    }
  }

  /** The smallest box holding every bucket of {@code buckets}, tuned for {@code opt}. */
  public static SizeBand around(String name, List<SdxlBuckets.Size> buckets,
      SdxlBuckets.Size opt) {
    if (buckets.isEmpty()) {
      throw new IllegalArgumentException(name + ": holds no bucket");
    }
    return new SizeBand(name,
        buckets.stream().mapToInt(SdxlBuckets.Size::latentHeight).min().orElseThrow(),
        buckets.stream().mapToInt(SdxlBuckets.Size::latentHeight).max().orElseThrow(),
        buckets.stream().mapToInt(SdxlBuckets.Size::latentWidth).min().orElseThrow(),
        buckets.stream().mapToInt(SdxlBuckets.Size::latentWidth).max().orElseThrow(), opt);
  }

  /** Exactly one bucket: what {@code build-engines --static WxH} builds. */
  public static SizeBand fixed(SdxlBuckets.Size bucket) {
    return around("static " + bucket, List.of(bucket), bucket);
  }

  /** Whether {@code bucket}'s latent sides lie in the box. */
  public boolean admits(SdxlBuckets.Size bucket) {
    return inside(bucket, minHeight, maxHeight, minWidth, maxWidth);
  }

  /** The box's largest corner in pixels, width x height: what TensorRT reserves memory for. */
  public SdxlBuckets.Size maxPixels() {
    return new SdxlBuckets.Size(maxWidth * SdxlContracts.VAE_SCALE,
        maxHeight * SdxlContracts.VAE_SCALE);
  }

  private static boolean inside(SdxlBuckets.Size b, int minH, int maxH, int minW, int maxW) {
    return b.latentHeight() >= minH && b.latentHeight() <= maxH && b.latentWidth() >= minW
        && b.latentWidth() <= maxW;
  }
}
