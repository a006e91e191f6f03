package org.segfill.engine.inpaint.classic;

import java.util.LinkedHashMap;
import java.util.Map;
import org.segfill.engine.inpaint.Target;

/**
 * What a classic edit did, for the result's recipe (API response and PNG metadata).
 *
 * @param target the target
 * @param fill what filled the repaint region: a {@code background} value in its API form
 *     ({@code #rrggbb}, {@code blur:N}, {@code image:<id>}) or {@code shiftmap} (OpenCV shift-map
 *     inpainting with a Poisson blend) for {@code remove}
 * @param maskGrow grow in px
 * @param maskFeather feather in px
 */
public record ClassicRecipe(Target target, String fill, int maskGrow, int maskFeather) {
  /** The engine id recipes carry. */
  public static final String ENGINE = "classic";

  /** Checks non-null target and fill. */
  public ClassicRecipe {
    if (target == null || fill == null) {
      throw new IllegalArgumentException("target and fill must not be null");
    }
  }

  /** Always {@value #ENGINE}. */
  public String engine() {
    return ENGINE;
  }

  /** The recipe as ordered name/value pairs, engine first, named as the API names them. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("engine", ENGINE);
    m.put("target", target.id());
    m.put("fill", fill);
    m.put("maskGrow", maskGrow);
    m.put("maskFeather", maskFeather);
    return m;
  }
}
