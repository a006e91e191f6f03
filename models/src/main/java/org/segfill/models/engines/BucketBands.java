package org.segfill.models.engines;

import java.util.ArrayList;
import java.util.List;
import org.segfill.engine.sdxl.SdxlBuckets;

/**
 * The five bands of aspect the SDXL UNet and VAE plans get one optimisation profile each for,
 * sized from {@link SdxlBuckets#all()}: every bucket falls in exactly one band by its aspect, and
 * each band's box is the smallest holding its buckets (the square box also holds 1152x896 and
 * 896x1152 of the bands beside it; the runtime takes the first profile that fits). One box for
 * every bucket would reach 2048x2048 (256 latent cells a side, both sides of the 4:1 and 1:4
 * buckets at once), 3.7 times the largest bucket's area, and TensorRT reserves activation memory
 * for that corner.
 *
 * <p>The cuts between bands, 5:4 and 7:3 (and 4:5, 3:7 for portraits), are the symmetric pair
 * with the smallest largest box, found by trying every pair over the bucket table: no band's
 * largest corner exceeds 1.25 times the largest bucket's area (1600x896 and 896x1600 against
 * 1280x896). Each band is tuned for the bucket of a common photo aspect: 1:1, 3:2 and 2:3
 * (cameras), 2.39:1 and 1:2.39 (widescreen).
 */
public final class BucketBands {

  /** One band: buckets whose aspect (W/H) lies in (above, upTo], tuned for {@code typical}. */
  private record Band(String name, double above, double upTo, double typical) {

    boolean holds(SdxlBuckets.Size bucket) {
      return bucket.aspect() > above && bucket.aspect() <= upTo;
    }
  }

  private static final double WIDESCREEN = 2.39;

  // Widest first: profile 0 is the wide band.
  private static final List<Band> BANDS = List.of(
      new Band("wide", 7.0 / 3, Double.POSITIVE_INFINITY, WIDESCREEN),
      new Band("landscape", 5.0 / 4, 7.0 / 3, 3.0 / 2),
      new Band("square", 4.0 / 5, 5.0 / 4, 1),
      new Band("portrait", 3.0 / 7, 4.0 / 5, 2.0 / 3),
      new Band("tall", 0, 3.0 / 7, 1 / WIDESCREEN));

  private static final List<SizeBand> ALL = compute(SdxlBuckets.all());

  private BucketBands() {}

  /** The five bands over every SDXL bucket, widest first. */
  public static List<SizeBand> all() {
    return ALL;
  }

  /** The largest area of any bucket, in pixels (1280x896 and its kin). */
  public static long largestBucketArea() {
    return SdxlBuckets.all().stream().mapToLong(SdxlBuckets.Size::area).max().orElseThrow();
  }

  // A band left empty, or whose typical bucket falls outside it, means the bucket table changed
  // under these cuts: fail when the class loads, so no build uses a broken table.
  private static List<SizeBand> compute(List<SdxlBuckets.Size> buckets) {
    List<SizeBand> bands = new ArrayList<>();
    for (Band band : BANDS) {
      List<SdxlBuckets.Size> held = buckets.stream().filter(band::holds).toList();
      SdxlBuckets.Size opt = SdxlBuckets.nearest(band.typical(), 1);
      if (held.isEmpty() || !band.holds(opt)) {
        throw new IllegalStateException("band " + band.name() + " holds " + held
            + " and would be tuned for " + opt + ": the cuts no longer fit SdxlBuckets");
      }
      bands.add(SizeBand.around(band.name(), held, opt));
    }
    return List.copyOf(bands);
  }
}
