package org.segfill.engine.inpaint;

import java.util.function.Function;
import java.util.regex.Pattern;
import org.segfill.engine.image.RgbImage;

/** Parses the API spellings of {@link BackgroundSpec}; see {@link BackgroundSpec#parse}. */
final class BackgroundSpecParser {
  private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{6}");
  private static final Pattern DIGITS = Pattern.compile("[0-9]+");
  private static final String BLUR = "blur:";
  private static final String IMAGE = "image:";

  private BackgroundSpecParser() {}

  static BackgroundSpec parse(String text, Function<String, RgbImage> images) {
    if (text == null) {
      throw new IllegalArgumentException(formsMessage("null"));
    }
    if (COLOR.matcher(text).matches()) {
      int rgb = Integer.parseInt(text.substring(1), 16);
      return new BackgroundSpec.Color(rgb >> 16, (rgb >> 8) & 0xff, rgb & 0xff);
    }
    if (text.startsWith(BLUR)) {
      String digits = text.substring(BLUR.length());
      if (!DIGITS.matcher(digits).matches()) {
        throw new IllegalArgumentException(formsMessage("\"" + text + "\""));
      }
      if (digits.length() > 9) {
        // parseInt could overflow; no value this long is in range.
        throw new IllegalArgumentException(BackgroundSpec.FIELD + " blur radius must be in ["
            + BackgroundSpec.Blur.MIN_RADIUS + ", " + BackgroundSpec.Blur.MAX_RADIUS
            + "] px, got " + digits);
      }
      return new BackgroundSpec.Blur(Integer.parseInt(digits));
    }
    if (text.startsWith(IMAGE) && text.length() > IMAGE.length()) {
      String id = text.substring(IMAGE.length());
      RgbImage image = images == null ? null : images.apply(id);
      if (image == null) {
        throw new IllegalArgumentException(
            BackgroundSpec.FIELD + " refers to image \"" + id + "\", which is unknown");
      }
      return new BackgroundSpec.Image(id, image);
    }
    throw new IllegalArgumentException(formsMessage("\"" + text + "\""));
  }

  private static String formsMessage(String got) {
    return BackgroundSpec.FIELD + " must be \"#rrggbb\" (hex colour), \"blur:<radius>\" (radius "
        + BackgroundSpec.Blur.MIN_RADIUS + ".." + BackgroundSpec.Blur.MAX_RADIUS
        + " px) or \"image:<id>\"; got " + got;
  }
}
