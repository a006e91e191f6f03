package org.segfill.engine.inpaint.classic;

import org.segfill.engine.inpaint.BackgroundSpec;
import org.segfill.engine.inpaint.RepaintShape;
import org.segfill.engine.inpaint.Target;
import org.segfill.kernels.Args;

/**
 * The parameters of one classic edit.
 *
 * @param target what is replaced
 * @param background what replaces it for {@link Target#BACKGROUND} and {@link Target#SUBJECT};
 *     null means none given, which for {@code background} becomes {@link BackgroundSpec#DEFAULT}
 *     ({@code blur:25}, model contract part 0 item 8); refused for {@link Target#REMOVE}
 * @param shape the repaint mask's grow and feather
 * @param inpaintRadius for {@link Target#REMOVE}: the radius in px of the neighbourhood Telea
 *     fills each pixel from, [1, 32], for the pixels shift-map cannot reach (a selection leaving
 *     too little around it); unused by the other targets
 */
public record ClassicInpaintRequest(
    Target target, BackgroundSpec background, RepaintShape shape, int inpaintRadius) {

  /**
   * Default Telea radius in px. OpenCV's sample uses 3; 5 smooths the fill without reaching far
   * enough to drag in unrelated texture.
   */
  public static final int DEFAULT_INPAINT_RADIUS = 5;

  /** Largest Telea radius: its cost per filled pixel grows with the square of the radius. */
  public static final int MAX_INPAINT_RADIUS = 32;

  /** Checks the fields; fills in the default background for {@code target=background}. */
  public ClassicInpaintRequest {
    Args.notNull("target", target);
    Args.notNull("shape", shape);
    Args.inRange("inpaintRadius", inpaintRadius, 1, MAX_INPAINT_RADIUS);
    if (target == Target.REMOVE && background != null) {
      throw new IllegalArgumentException(BackgroundSpec.FIELD
          + " applies to target background or subject, not remove; got " + background.text());
    }
    if (target == Target.BACKGROUND && background == null) {
      background = BackgroundSpec.DEFAULT;
    }
  }

  /** A request with the default shape and Telea radius. */
  public static ClassicInpaintRequest of(Target target, BackgroundSpec background) {
    return new ClassicInpaintRequest(
        target, background, RepaintShape.DEFAULT, DEFAULT_INPAINT_RADIUS);
  }
}
