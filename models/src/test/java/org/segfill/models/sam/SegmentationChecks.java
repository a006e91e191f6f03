package org.segfill.models.sam;

import java.util.ArrayList;
import java.util.List;
import org.segfill.engine.image.RgbImage;
import org.segfill.engine.segment.Box;
import org.segfill.engine.segment.Point;
import org.segfill.engine.segment.Prompt;
import org.segfill.engine.segment.SegmentResult;
import org.segfill.engine.segment.Segmenter;
import org.segfill.models.testbundle.TwoShapesScene;

/**
 * The click-to-mask scenarios every segmenter must pass on a {@link TwoShapesScene}, as a list of
 * failures (empty when all pass). Shared by the engine tests, which expect none, and the
 * mutation tests, which inject one pipeline mistake at a time and expect at least one.
 */
public final class SegmentationChecks {

  private final Segmenter segmenter;
  private final double minIou;
  private final boolean box;
  private final List<String> log = new ArrayList<>();

  /**
   * @param segmenter the engine under test
   * @param minIou the IoU every scenario must reach
   * @param box whether the engine takes a box prompt
   */
  public SegmentationChecks(Segmenter segmenter, double minIou, boolean box) {
    this.segmenter = segmenter;
    this.minIou = minIou;
    this.box = box;
  }

  /** Runs every scenario on {@code scene}; returns the failures. */
  public List<String> failures(TwoShapesScene scene) {
    List<String> failures = new ArrayList<>();
    RgbImage image = scene.image();
    byte[] ellipse = scene.ellipseMask();
    byte[] rectangle = scene.rectangleMask();
    String name = scene.width() + "x" + scene.height();
    Point onEllipse = point(scene.ellipseClick(), true);
    Point onRectangle = point(scene.rectangleClick(), true);

    expect(failures, name + " click on the ellipse",
        run(image, Prompt.of(onEllipse)), ellipse, null);
    expect(failures, name + " click on the rectangle",
        run(image, Prompt.of(onRectangle)), rectangle, null);
    expect(failures, name + " ellipse with a negative click on the rectangle",
        run(image, Prompt.of(onEllipse, point(scene.rectangleClick(), false))), ellipse,
        rectangle);
    expect(failures, name + " positive clicks on both shapes",
        run(image, Prompt.of(onEllipse, onRectangle)), TwoShapesScene.union(ellipse, rectangle),
        null);
    if (box) {
      Box around = new Box(scene.ex() - scene.ea() - 20, scene.ey() - scene.eb() - 20,
          scene.ex() + scene.ea() + 20, scene.ey() + scene.eb() + 20);
      expect(failures, name + " box around the ellipse",
          run(image, new Prompt(List.of(), around)), ellipse, rectangle);
    }
    return failures;
  }

  /** One line per scenario run: its IoU and what it selected of the other shape. */
  public List<String> log() {
    return List.copyOf(log);
  }

  private SegmentResult run(RgbImage image, Prompt prompt) {
    return segmenter.segment(image, prompt);
  }

  // IoU against the expected mask, and (when given) nothing of the excluded shape.
  private void expect(List<String> failures, String scenario, SegmentResult result,
      byte[] expected, byte[] excluded) {
    double iou = TwoShapesScene.iou(result.mask(), expected);
    double leaked = excluded == null ? 0 : TwoShapesScene.covered(result.mask(), excluded);
    log.add(String.format("%s: IoU %.4f%s", scenario, iou,
        excluded == null ? "" : String.format(", other shape selected %.4f", leaked)));
    if (iou < minIou) {
      failures.add(String.format("%s: IoU %.4f < %.2f", scenario, iou, minIou));
    }
    if (leaked > 0.01) {
      failures.add(String.format("%s: %.1f%% of the other shape selected", scenario,
          100 * leaked));
    }
  }

  private static Point point(double[] xy, boolean positive) {
    return new Point(xy[0], xy[1], positive);
  }
}
