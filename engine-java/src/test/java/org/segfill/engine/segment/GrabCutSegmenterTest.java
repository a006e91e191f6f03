package org.segfill.engine.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.segfill.engine.image.RgbImage;

class GrabCutSegmenterTest {

  private static final double MIN_IOU = 0.85;
  private final GrabCutSegmenter segmenter = new GrabCutSegmenter();

  static Stream<TwoShapesScene> scenes() {
    return Stream.of(TwoShapesScene.landscape(), TwoShapesScene.portrait());
  }

  private static String name(TwoShapesScene s) {
    return s.width() + "x" + s.height();
  }

  private static void checkResult(TwoShapesScene s, SegmentResult r) {
    assertEquals(s.width(), r.width());
    assertEquals(s.height(), r.height());
    assertEquals(1, r.candidates().size());
    assertEquals(0, r.best());
    assertTrue(Float.isNaN(r.candidates().get(0).score()));
    long area = 0;
    for (byte b : r.mask()) {
      assertTrue(b == 0 || b == (byte) 255, "mask bytes are 0 or 255");
      if (b != 0) {
        area++;
      }
    }
    assertEquals(area, r.area());
  }

  @ParameterizedTest
  @MethodSource("scenes")
  void clickInsideEllipseSelectsIt(TwoShapesScene s) {
    SegmentResult r = segmenter.segment(s.image(), Prompt.of(new Point(s.ex() + 20, s.ey() - 10, true)));
    checkResult(s, r);
    double iou = TwoShapesScene.iou(r.mask(), s.ellipseMask());
    double other = TwoShapesScene.covered(r.mask(), s.rectMask());
    System.out.printf("grabcut %s click ellipse: IoU %.4f, rectangle covered %.4f%n", name(s), iou, other);
    assertTrue(iou >= MIN_IOU, "IoU " + iou);
    assertEquals(0.0, other, "rectangle pixels selected");
  }

  @ParameterizedTest
  @MethodSource("scenes")
  void clickInsideRectangleSelectsIt(TwoShapesScene s) {
    double cx = (s.rx0() + s.rx1()) / 2.0 - 30;
    double cy = (s.ry0() + s.ry1()) / 2.0 + 15;
    SegmentResult r = segmenter.segment(s.image(), Prompt.of(new Point(cx, cy, true)));
    checkResult(s, r);
    double iou = TwoShapesScene.iou(r.mask(), s.rectMask());
    System.out.printf("grabcut %s click rectangle: IoU %.4f%n", name(s), iou);
    assertTrue(iou >= MIN_IOU, "IoU " + iou);
    assertEquals(0.0, TwoShapesScene.covered(r.mask(), s.ellipseMask()), "ellipse pixels selected");
  }

  @ParameterizedTest
  @MethodSource("scenes")
  void negativeClickKeepsTheOtherShapeOut(TwoShapesScene s) {
    // A box around both shapes selects both; the negative click on the rectangle removes it.
    Box both = new Box(s.ex() - s.ea() - 20, s.ey() - s.eb() - 20,
        Math.min(s.width(), s.rx1() + 20), Math.min(s.height(), s.ry1() + 20));
    double nx = (s.rx0() + s.rx1()) / 2.0;
    double ny = (s.ry0() + s.ry1()) / 2.0;
    SegmentResult control = segmenter.segment(s.image(), new Prompt(List.of(), both));
    double controlRect = TwoShapesScene.covered(control.mask(), s.rectMask());
    SegmentResult r = segmenter.segment(s.image(),
        new Prompt(List.of(new Point(nx, ny, false)), both));
    checkResult(s, r);
    double rect = TwoShapesScene.covered(r.mask(), s.rectMask());
    double iou = TwoShapesScene.iou(r.mask(), s.ellipseMask());
    System.out.printf("grabcut %s box around both: rectangle covered %.4f; with a negative click on it:"
        + " rectangle covered %.4f, ellipse IoU %.4f%n", name(s), controlRect, rect, iou);
    assertTrue(controlRect > 0.5, "without the negative click the box selects the rectangle too");
    assertTrue(rect < 0.01, "rectangle covered " + rect);
    assertTrue(iou >= MIN_IOU, "IoU " + iou);

    // And with a positive click on the ellipse, the negative click leaves no rectangle pixel.
    SegmentResult clicks = segmenter.segment(s.image(),
        Prompt.of(new Point(s.ex(), s.ey(), true), new Point(nx, ny, false)));
    double clicksIou = TwoShapesScene.iou(clicks.mask(), s.ellipseMask());
    System.out.printf("grabcut %s positive ellipse + negative rectangle: IoU %.4f%n", name(s), clicksIou);
    assertEquals(0.0, TwoShapesScene.covered(clicks.mask(), s.rectMask()));
    assertTrue(clicksIou >= MIN_IOU, "IoU " + clicksIou);
  }

  @ParameterizedTest
  @MethodSource("scenes")
  void boxAroundOneShapeSelectsIt(TwoShapesScene s) {
    Box box = new Box(s.rx0() - 25, s.ry0() - 25, Math.min(s.width(), s.rx1() + 25),
        Math.min(s.height(), s.ry1() + 25));
    SegmentResult r = segmenter.segment(s.image(), new Prompt(List.of(), box));
    checkResult(s, r);
    double iou = TwoShapesScene.iou(r.mask(), s.rectMask());
    System.out.printf("grabcut %s box around rectangle: IoU %.4f%n", name(s), iou);
    assertTrue(iou >= MIN_IOU, "IoU " + iou);

    Box ebox = new Box(s.ex() - s.ea() - 25, s.ey() - s.eb() - 25, s.ex() + s.ea() + 25,
        s.ey() + s.eb() + 25);
    SegmentResult e = segmenter.segment(s.image(), new Prompt(List.of(), ebox));
    double eiou = TwoShapesScene.iou(e.mask(), s.ellipseMask());
    System.out.printf("grabcut %s box around ellipse: IoU %.4f%n", name(s), eiou);
    assertTrue(eiou >= MIN_IOU, "IoU " + eiou);
  }

  @Test
  void samePromptGivesTheSameMask() {
    TwoShapesScene s = TwoShapesScene.portrait();
    RgbImage image = s.image();
    Prompt prompt = Prompt.of(new Point(200, 300, true));
    byte[] first = segmenter.segment(image, prompt).mask();
    // Another prompt in between moves OpenCV's RNG; the repeat must not notice.
    segmenter.segment(image, Prompt.of(new Point(400, 900, true)));
    byte[] second = segmenter.segment(image, prompt).mask();
    assertTrue(java.util.Arrays.equals(first, second), "masks differ");
  }

  @Test
  void tinyImagesWhereOneDiskCoversEverything() {
    // A 2x2 image: the positive disk (radius 3) covers all 4 pixels, so GrabCut has no background.
    SegmentResult two = segmenter.segment(new RgbImage(2, 2, new byte[12]), Prompt.of(new Point(0, 0, true)));
    assertEquals(4, two.area());
    SegmentResult one = segmenter.segment(new RgbImage(1, 1, new byte[3]), Prompt.of(new Point(0.5, 0.5, false)));
    assertEquals(0, one.area());
  }

  @Test
  void promptNeedsAPointOrABox() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new Prompt(List.of(), null));
    assertTrue(e.getMessage().contains("points and box"), e.getMessage());
  }

  @Test
  void pointOutsideTheImageIsRefusedNamingIt() {
    TwoShapesScene s = TwoShapesScene.landscape();
    RgbImage image = s.image();
    Prompt prompt = Prompt.of(new Point(10, 10, true), new Point(20, 20, false), new Point(1600, 40, true));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> segmenter.segment(image, prompt));
    assertEquals("points[2].x must be in [0, 1537), got 1600.0", e.getMessage());

    Prompt low = Prompt.of(new Point(10, 913, true));
    e = assertThrows(IllegalArgumentException.class, () -> segmenter.segment(image, low));
    assertEquals("points[0].y must be in [0, 913), got 913.0", e.getMessage());

    Prompt negative = Prompt.of(new Point(-0.5, 10, true));
    e = assertThrows(IllegalArgumentException.class, () -> segmenter.segment(image, negative));
    assertEquals("points[0].x must be in [0, 1537), got -0.5", e.getMessage());

    Prompt wideBox = new Prompt(List.of(), new Box(0, 0, 1538, 10));
    e = assertThrows(IllegalArgumentException.class, () -> segmenter.segment(image, wideBox));
    assertEquals("box.x1 must be in [0, 1537], got 1538.0", e.getMessage());
  }

  @Test
  void nonFinitePointIsRefusedNamingIt() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Prompt.of(new Point(1, 1, true), new Point(Double.NaN, 1, true)));
    assertEquals("points[1].x must be finite, got NaN", e.getMessage());
  }

  @Test
  void atMost64Points() {
    List<Point> points = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      points.add(new Point(i, i, true));
    }
    assertEquals(64, new Prompt(points, null).points().size());
    points.add(new Point(1, 1, false));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new Prompt(points, null));
    assertEquals("points must hold at most 64 points, got 65", e.getMessage());
  }

  @Test
  void boxNeedsPositiveExtent() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new Box(10, 0, 10, 5));
    assertEquals("box.x0 must be < box.x1, got x0=10.0, x1=10.0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new Box(0, 8, 5, 3));
    assertEquals("box.y0 must be < box.y1, got y0=8.0, y1=3.0", e.getMessage());
  }

  @Test
  void imageSizeIsChecked() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new RgbImage(4, 3, new byte[35]));
    assertEquals("rgb.length must be width*height*3 = 36, got 35", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new RgbImage(0, 3, new byte[0]));
    assertEquals("width must be > 0, got 0", e.getMessage());
  }

  @Test
  void keepsOnlyTheClickedComponent() {
    // Two 2x2 blobs in a 6x3 mask; a seed in the left one keeps exactly its 4 pixels.
    byte f = (byte) 255;
    byte[] fg = {
      f, f, 0, 0, f, f,
      f, f, 0, 0, f, f,
      0, 0, 0, 0, 0, 0};
    byte[] kept = GrabCutSegmenter.keepComponentsAt(fg, 6, 3, new int[] {7});
    byte[] expected = {
      f, f, 0, 0, 0, 0,
      f, f, 0, 0, 0, 0,
      0, 0, 0, 0, 0, 0};
    assertEquals(java.util.Arrays.toString(expected), java.util.Arrays.toString(kept));
  }
}
