package org.segfill.engine.inpaint;

import java.util.Locale;
import java.util.function.Function;
import org.segfill.engine.image.RgbImage;

/**
 * What replaces a region by compositing instead of generation: a flat colour, a Gaussian blur of
 * the original, or another image. The API spells them {@code "#00ff00"}, {@code "blur:25"} and
 * {@code "image:<id>"} (the field is {@code background}).
 */
public sealed interface BackgroundSpec
    permits BackgroundSpec.Color, BackgroundSpec.Blur, BackgroundSpec.Image {

  /** The API field these values come from; every parse error names it. */
  String FIELD = "background";

  /** The background {@code target=background} composites over when none is given (contract). */
  Blur DEFAULT = new Blur(25);

  /** The API form of this value, e.g. {@code "#00ff00"}; recipes record it. */
  String text();

  /** A flat colour. */
  record Color(int red, int green, int blue) implements BackgroundSpec {
    /** Checks each channel in [0, 255]. */
    public Color {
      channel("red", red);
      channel("green", green);
      channel("blue", blue);
    }

    @Override
    public String text() {
      return String.format(Locale.ROOT, "#%02x%02x%02x", red, green, blue);
    }

    private static void channel(String name, int v) {
      if (v < 0 || v > 255) {
        throw new IllegalArgumentException(
            FIELD + " colour " + name + " must be in [0, 255], got " + v);
      }
    }
  }

  /**
   * A Gaussian blur of the original photo. {@code radius} is the kernel's reach in pixels and
   * sigma is radius / 3, the same meaning "radius" has for mask feathering: nothing farther than
   * {@code radius} px contributes, and the kernel is cut where it has fallen to about 1%.
   */
  record Blur(int radius) implements BackgroundSpec {
    /** Smallest radius in pixels. */
    public static final int MIN_RADIUS = 1;

    /** Largest radius in pixels; the blur's cost grows linearly with it. */
    public static final int MAX_RADIUS = 200;

    /** Checks radius in [1, 200]. */
    public Blur {
      if (radius < MIN_RADIUS || radius > MAX_RADIUS) {
        throw new IllegalArgumentException(FIELD + " blur radius must be in [" + MIN_RADIUS
            + ", " + MAX_RADIUS + "] px, got " + radius);
      }
    }

    /** The Gaussian's standard deviation in pixels: radius / 3. */
    public double sigma() {
      return radius / 3.0;
    }

    @Override
    public String text() {
      return "blur:" + radius;
    }
  }

  /**
   * Another image, already resolved by the caller from its {@code id}; it is resized to cover the
   * photo (aspect kept, centre crop).
   */
  record Image(String id, RgbImage image) implements BackgroundSpec {
    /** Checks a non-empty id and a non-null image. */
    public Image {
      if (id == null || id.isEmpty()) {
        throw new IllegalArgumentException(FIELD + " image id must not be empty");
      }
      if (image == null) {
        throw new IllegalArgumentException(FIELD + " image \"" + id + "\" must not be null");
      }
    }

    @Override
    public String text() {
      return "image:" + id;
    }
  }

  /**
   * Parses the API form. Colour hex digits may be upper or lower case; blur radii are decimal.
   *
   * @param images resolves the id of an {@code image:<id>} value; it may throw its own exception
   *     for an unknown id (an API maps that to 404), and a null result is refused here
   * @throws IllegalArgumentException naming the field {@code background} and the allowed forms
   */
  static BackgroundSpec parse(String text, Function<String, RgbImage> images) {
    return BackgroundSpecParser.parse(text, images);
  }
}
