package org.segfill.engine.sdxl;

import java.util.List;
import java.util.Objects;

/**
 * Where SDXL generates and at what size: a window of the image (the whole image, or a crop around
 * the mask) and the bucket it is resized to. The generated image is resized back (Lanczos) to
 * the window and pasted there.
 *
 * @param x window left column in the image
 * @param y window top row
 * @param width window width in image pixels
 * @param height window height
 * @param bucket the generation size
 * @param cropped whether the window is a crop (else the whole image)
 */
public record RegionPlan(int x, int y, int width, int height, SdxlBuckets.Size bucket,
    boolean cropped) {

  /** Long side above which {@link Region#AUTO} considers a crop. */
  public static final int AUTO_CROP_LONG_SIDE = 1536;
  /** Padding added to each side of the mask's bounding box, as a fraction of its size. */
  public static final double PADDING = 0.25;
  /** {@link Region#AUTO} crops when the padded box covers less than this fraction. */
  public static final double AUTO_CROP_COVERAGE = 0.5;

  public RegionPlan {
    Objects.requireNonNull(bucket, "bucket");
    if (width < 1 || height < 1 || x < 0 || y < 0) {
      throw new IllegalArgumentException("window: must be non-empty and inside the image, got "
          + width + "x" + height + " at " + x + "," + y);
    }
  }

  /**
   * Plans the region for an image of {@code imageWidth x imageHeight} whose repaint mask's
   * non-zero pixels span the box [{@code x0}, {@code x1}) x [{@code y0}, {@code y1}).
   *
   * @throws IllegalArgumentException if the box is empty or outside the image
   */
  public static RegionPlan plan(Region region, int imageWidth, int imageHeight, int x0, int y0,
      int x1, int y1) {
    return plan(region, imageWidth, imageHeight, x0, y0, x1, y1, SdxlBuckets.all());
  }

  /**
   * As {@link #plan(Region, int, int, int, int, int, int)}, choosing the bucket among
   * {@code buckets} only: those the loaded graphs can run ({@link SupportedBuckets}).
   *
   * @throws IllegalArgumentException if the box is empty or outside the image, or
   *     {@code buckets} is empty
   */
  public static RegionPlan plan(Region region, int imageWidth, int imageHeight, int x0, int y0,
      int x1, int y1, List<SdxlBuckets.Size> buckets) {
    Objects.requireNonNull(region, "region");
    if (imageWidth < 1 || imageHeight < 1) {
      throw new IllegalArgumentException("image: size must be positive, got " + imageWidth + "x"
          + imageHeight);
    }
    if (x0 < 0 || y0 < 0 || x1 > imageWidth || y1 > imageHeight || x0 >= x1 || y0 >= y1) {
      throw new IllegalArgumentException("mask: nothing to repaint (its box is " + x0 + "," + y0
          + " to " + x1 + "," + y1 + " in a " + imageWidth + "x" + imageHeight + " image)");
    }
    // The bounding box padded by 25% of its size on each side, clipped to the image.
    double padX = PADDING * (x1 - x0);
    double padY = PADDING * (y1 - y0);
    int px0 = (int) Math.max(0, Math.floor(x0 - padX));
    int py0 = (int) Math.max(0, Math.floor(y0 - padY));
    int px1 = (int) Math.min(imageWidth, Math.ceil(x1 + padX));
    int py1 = (int) Math.min(imageHeight, Math.ceil(y1 + padY));
    boolean crop = switch (region) {
      case FULL -> false;
      case CROP -> true;
      case AUTO -> Math.max(imageWidth, imageHeight) > AUTO_CROP_LONG_SIDE
          && (double) (px1 - px0) * (py1 - py0)
              < AUTO_CROP_COVERAGE * imageWidth * imageHeight;
    };
    if (!crop) {
      return new RegionPlan(0, 0, imageWidth, imageHeight,
          SdxlBuckets.nearest(imageWidth, imageHeight, buckets), false);
    }
    return cropWindow(imageWidth, imageHeight, px0, py0, px1 - px0, py1 - py0, buckets);
  }

  // The padded box expanded to its bucket's aspect, centred on it, shifted (or clipped) inside.
  private static RegionPlan cropWindow(int imageWidth, int imageHeight, int bx, int by, int bw,
      int bh, List<SdxlBuckets.Size> buckets) {
    SdxlBuckets.Size bucket = SdxlBuckets.nearest(bw, bh, buckets);
    double aspect = bucket.aspect();
    double w = bw;
    double h = bh;
    if (w / h < aspect) {
      w = h * aspect;
    } else {
      h = w / aspect;
    }
    int width = (int) Math.min(imageWidth, Math.round(w));
    int height = (int) Math.min(imageHeight, Math.round(h));
    double cx = bx + bw / 2.0;
    double cy = by + bh / 2.0;
    int x = (int) Math.round(cx - width / 2.0);
    int y = (int) Math.round(cy - height / 2.0);
    x = Math.max(0, Math.min(x, imageWidth - width));
    y = Math.max(0, Math.min(y, imageHeight - height));
    return new RegionPlan(x, y, width, height, bucket, true);
  }
}
