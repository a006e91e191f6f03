package org.segfill.models.engines;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.segfill.engine.sdxl.SdxlBuckets;

/**
 * Reads {@code build-engines --static WxH}: one SDXL bucket, for plans that run that size only
 * (what NVIDIA's demo/Diffusion builds for speed). Anything else is refused naming the flag, the
 * rule and the nearest bucket.
 */
public final class StaticSize {

  private static final Pattern SIZE = Pattern.compile("(\\d{1,5})x(\\d{1,5})");

  private StaticSize() {}

  /**
   * The bucket {@code text} names, e.g. {@code 1024x1024} (width first).
   *
   * @throws IllegalArgumentException for text that is not WxH or not a bucket
   */
  public static SdxlBuckets.Size parse(String text) {
    Matcher m = text == null ? null : SIZE.matcher(text.trim());
    if (m == null || !m.matches()) {
      throw new IllegalArgumentException("--static must be WIDTHxHEIGHT in pixels, e.g."
          + " 1024x1024, got '" + text + "'");
    }
    SdxlBuckets.Size size = new SdxlBuckets.Size(Integer.parseInt(m.group(1)),
        Integer.parseInt(m.group(2)));
    if (!SdxlBuckets.all().contains(size)) {
      throw new IllegalArgumentException(notABucket(text.trim()));
    }
    return size;
  }

  /** The refusal of a size that is no bucket: the rule, the nearest bucket and a few common. */
  static String notABucket(String text) {
    String nearest = "";
    Matcher m = SIZE.matcher(text);
    if (m.matches() && Integer.parseInt(m.group(1)) > 0 && Integer.parseInt(m.group(2)) > 0) {
      nearest = "; the nearest in aspect is "
          + SdxlBuckets.nearest(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }
    return "--static must be one of the " + SdxlBuckets.all().size() + " SDXL buckets ("
        + SdxlBuckets.RULE + "; e.g. " + BucketBands.all().stream()
            .map(b -> b.opt().toString()).collect(Collectors.joining(", "))
        + "), got " + text + nearest;
  }
}
