package org.segfill.engine.sdxl;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The SDXL training buckets segfill generates at (model contract part 0, item 7): W and H
 * multiples of 64, W·H within 0.9–1.1 × 1024², aspect within [1:4, 4:1]. Latent sides therefore
 * run from 64 to 256 cells, but never both large: the largest area is 1280x896 (and 896x1280,
 * 1792x640, 640x1792), 1.15 MP. Generation never falls back silently to 1024x1024: the size is
 * the bucket nearest the aspect of the image (or of the crop), among the buckets the loaded
 * graphs run (all of them, unless TensorRT plans were built for fewer, see {@link
 * SupportedBuckets}; the result then says so).
 */
public final class SdxlBuckets {

  /** Side step of a bucket. */
  public static final int STEP = 64;
  /** The reference area, 1024². */
  public static final long AREA = 1024L * 1024;
  /** The widest aspect (and, inverted, the tallest). */
  public static final double MAX_ASPECT = 4.0;
  /** The rule of {@link #all()} in words, for messages. */
  public static final String RULE = "W and H multiples of 64, W*H within 0.9 to 1.1 x 1024^2,"
      + " aspect 1:4 to 4:1";

  private static final List<Size> ALL = enumerate();

  /** A bucket: width and height in pixels. */
  public record Size(int width, int height) {

    /** Width over height. */
    public double aspect() {
      return (double) width / height;
    }

    /** Width times height, in pixels. */
    public long area() {
      return (long) width * height;
    }

    /** Latent grid width. */
    public int latentWidth() {
      return width / SdxlContracts.VAE_SCALE;
    }

    /** Latent grid height. */
    public int latentHeight() {
      return height / SdxlContracts.VAE_SCALE;
    }

    @Override
    public String toString() {
      return width + "x" + height;
    }
  }

  private SdxlBuckets() {}

  /** Every bucket, by width. */
  public static List<Size> all() {
    return ALL;
  }

  /**
   * The bucket nearest {@code width x height} in aspect (log-ratio distance; the aspect is first
   * clamped to [1:4, 4:1]); ties go to the area nearest 1024², then to the wider bucket.
   */
  public static Size nearest(double width, double height) {
    return nearest(width, height, ALL);
  }

  /**
   * As {@link #nearest(double, double)}, among {@code among} only (the buckets the loaded graphs
   * can run, see {@link SupportedBuckets}).
   *
   * @throws IllegalArgumentException if {@code among} is empty or the size is not positive
   */
  public static Size nearest(double width, double height, List<Size> among) {
    if (!(width > 0) || !(height > 0) || !Double.isFinite(width) || !Double.isFinite(height)) {
      throw new IllegalArgumentException("size: width and height must be positive, got "
          + width + "x" + height);
    }
    if (among.isEmpty()) {
      throw new IllegalArgumentException("among: at least one bucket is needed");
    }
    double aspect = Math.max(1 / MAX_ASPECT, Math.min(MAX_ASPECT, width / height));
    double target = Math.log(aspect);
    Comparator<Size> byAspect = Comparator.comparingDouble(s -> Math.abs(Math.log(s.aspect())
        - target));
    return among.stream()
        .min(byAspect
            .thenComparingLong(s -> Math.abs((long) s.width() * s.height() - AREA))
            .thenComparing(Size::width, Comparator.reverseOrder()))
        .orElseThrow();
  }

  private static List<Size> enumerate() {
    List<Size> sizes = new ArrayList<>();
    for (int w = STEP; w <= 4096; w += STEP) {
      for (int h = STEP; h <= 4096; h += STEP) {
        long area = (long) w * h;
        double aspect = (double) w / h;
        if (area >= 0.9 * AREA && area <= 1.1 * AREA && aspect >= 1 / MAX_ASPECT
            && aspect <= MAX_ASPECT) {
          sizes.add(new Size(w, h));
        }
      }
    }
    return List.copyOf(sizes);
  }
}
