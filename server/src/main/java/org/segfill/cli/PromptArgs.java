package org.segfill.cli;

import java.util.ArrayList;
import java.util.List;
import org.segfill.engine.segment.Box;
import org.segfill.engine.segment.Point;
import org.segfill.engine.segment.Prompt;

/** Parses the {@code --point X,Y[,1|0]} and {@code --box X0,Y0,X1,Y1} flags into a prompt. */
final class PromptArgs {

  private PromptArgs() {}

  /**
   * The prompt the flags describe.
   *
   * @throws IllegalArgumentException naming the flag and the value that does not parse, or the
   *     prompt rule that fails (no point and no box, more than 64 points, x0 >= x1)
   */
  static Prompt parse(List<String> points, String box) {
    List<Point> parsed = new ArrayList<>();
    for (int i = 0; i < points.size(); i++) {
      parsed.add(point(i, points.get(i)));
    }
    return new Prompt(parsed, box == null ? null : box(box));
  }

  private static Point point(int index, String text) {
    String flag = "--point #" + (index + 1) + " '" + text + "'";
    String[] parts = text.split(",", -1);
    if (parts.length != 2 && parts.length != 3) {
      throw new IllegalArgumentException(flag + ": expected X,Y or X,Y,1 (positive) or X,Y,0"
          + " (negative)");
    }
    double x = number(flag, "X", parts[0]);
    double y = number(flag, "Y", parts[1]);
    boolean positive = true;
    if (parts.length == 3) {
      String label = parts[2].trim();
      if (!label.equals("1") && !label.equals("0")) {
        throw new IllegalArgumentException(flag + ": label must be 1 (positive) or 0"
            + " (negative), got '" + label + "'");
      }
      positive = label.equals("1");
    }
    return new Point(x, y, positive);
  }

  private static Box box(String text) {
    String flag = "--box '" + text + "'";
    String[] parts = text.split(",", -1);
    if (parts.length != 4) {
      throw new IllegalArgumentException(flag + ": expected X0,Y0,X1,Y1");
    }
    return new Box(number(flag, "X0", parts[0]), number(flag, "Y0", parts[1]),
        number(flag, "X1", parts[2]), number(flag, "Y1", parts[3]));
  }

  private static double number(String flag, String name, String text) {
    try {
      double v = Double.parseDouble(text.trim());
      if (!Double.isFinite(v)) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + ": " + name + " must be a finite number, got '"
          + text + "'");
    }
  }
}
