package org.segfill.engine.segment;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.GC_BGD;
import static org.bytedeco.opencv.global.opencv_imgproc.GC_FGD;
import static org.bytedeco.opencv.global.opencv_imgproc.GC_INIT_WITH_MASK;
import static org.bytedeco.opencv.global.opencv_imgproc.GC_PR_BGD;
import static org.bytedeco.opencv.global.opencv_imgproc.GC_PR_FGD;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;

import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;
import org.segfill.engine.image.RgbImage;

/**
 * The classic segmenter, used when no SAM bundle is installed: OpenCV GrabCut seeded from the
 * clicks and the optional box.
 *
 * <p>How the seed mask is built (in the working image, see below):
 *
 * <ul>
 *   <li>every pixel starts as probable background ({@code GC_PR_BGD});
 *   <li>pixels whose centre lies in the box become probable foreground ({@code GC_PR_FGD}); with
 *       only clicks, nothing does: the foreground model then starts from the click disks alone,
 *       which keeps the background's colours out of it (a padded rectangle around the clicks
 *       either cut objects that reach beyond it, teaching the background their colour, or took
 *       in so much background that GrabCut kept it); with neither (only negative clicks) the
 *       whole image does;
 *   <li>the one-pixel image border stays probable background, so that GrabCut's background model
 *       always has samples even when the box covers the whole image;
 *   <li>a disk of radius {@code max(3, 1% of the long side)} around each positive click is hard
 *       foreground ({@code GC_FGD}), then one around each negative click hard background
 *       ({@code GC_BGD}), so an explicit "not this" wins where disks overlap.
 * </ul>
 *
 * <p>GrabCut then runs {@value #ITERATIONS} iterations with {@code GC_INIT_WITH_MASK}. Images whose
 * long side exceeds {@value #WORK_LONG_SIDE} px are first shrunk (area filter) to that long side,
 * because GrabCut's cost grows with the pixel count and the shapes a click selects survive the
 * shrink. Of the foreground found, only the 8-connected components holding a positive click are
 * kept, which drops look-alike regions elsewhere; without a positive click, every component is
 * kept except those touching a negative click's disk (so a negative click on one of two shapes in
 * a box removes that shape, not just the disk).
 * The kept mask is enlarged back bilinearly and thresholded at half, which gives smoother edges
 * than nearest-neighbour.
 *
 * <p>When the seed holds no foreground or no background pixel at all (images of a few pixels, where
 * one disk covers everything), GrabCut cannot build its two colour models and the seed labels are
 * the answer. OpenCV's per-thread RNG is reseeded before each run, so a prompt always gives the same mask.
 * GrabCut has no confidence measure, so the one candidate has score {@link #NO_SCORE} (NaN).
 * Stateless and safe to share between threads.
 */
public final class GrabCutSegmenter implements Segmenter {

  /** The score of the single candidate: GrabCut has no confidence, so NaN means "none". */
  public static final float NO_SCORE = Float.NaN;

  /** Long side of the image GrabCut works on; larger images are shrunk to it. */
  public static final int WORK_LONG_SIDE = 512;

  /** GrabCut iterations. */
  public static final int ITERATIONS = 5;

  private static final int RNG_SEED = 0x5E6F11;

  @Override
  public SegmentResult segment(RgbImage image, Prompt prompt) {
    int w = image.width();
    int h = image.height();
    prompt.requireInside(w, h);

    double scale = Math.min(1.0, (double) WORK_LONG_SIDE / Math.max(w, h));
    int sw = Math.max(1, (int) Math.round(w * scale));
    int sh = Math.max(1, (int) Math.round(h * scale));
    // Per-axis factors: rounding makes them differ slightly from scale.
    double sx = (double) sw / w;
    double sy = (double) sh / h;

    byte[] seed = seedMask(sw, sh, sx, sy, prompt);
    // GrabCut needs samples of both sides; when the hard disks cover one side entirely (tiny
    // images), the seed already is the answer.
    byte[] labels = hasBothSides(seed) ? grabCut(image, sw, sh, seed) : seed;

    byte[] fg = new byte[sw * sh];
    for (int i = 0; i < fg.length; i++) {
      int l = labels[i];
      fg[i] = (byte) (l == GC_FGD || l == GC_PR_FGD ? 255 : 0);
    }
    if (prompt.hasPositive()) {
      fg = keepComponentsAt(fg, sw, sh, positiveSeeds(prompt.points(), sw, sh, sx, sy));
    } else {
      fg = dropComponentsAtNegatives(fg, sw, sh, sx, sy, prompt.points());
    }
    byte[] mask = (sw == w && sh == h) ? fg : enlarge(fg, sw, sh, w, h);
    Candidate candidate = Candidate.of(mask, NO_SCORE);
    return new SegmentResult(w, h, mask, List.of(candidate), 0);
  }

  private static byte[] seedMask(int sw, int sh, double sx, double sy, Prompt prompt) {
    byte[] seed = new byte[sw * sh];
    java.util.Arrays.fill(seed, (byte) GC_PR_BGD);

    // Probable-foreground rectangle in working pixels: [rx0, rx1) x [ry0, ry1).
    int rx0;
    int ry0;
    int rx1;
    int ry1;
    if (prompt.box() != null) {
      Box b = prompt.box();
      // Pixel j is inside when its centre j + 0.5 lies in [x0*sx, x1*sx); at least one pixel.
      rx0 = (int) Math.ceil(b.x0() * sx - 0.5);
      rx1 = Math.max(rx0 + 1, (int) Math.ceil(b.x1() * sx - 0.5));
      ry0 = (int) Math.ceil(b.y0() * sy - 0.5);
      ry1 = Math.max(ry0 + 1, (int) Math.ceil(b.y1() * sy - 0.5));
    } else if (prompt.hasPositive()) {
      rx0 = 0;
      ry0 = 0;
      rx1 = 0;
      ry1 = 0;
    } else {
      rx0 = 0;
      ry0 = 0;
      rx1 = sw;
      ry1 = sh;
    }
    // Keep the border ring as probable background so the background model is never empty.
    int bx = sw > 2 ? 1 : 0;
    int by = sh > 2 ? 1 : 0;
    rx0 = Math.max(rx0, bx);
    ry0 = Math.max(ry0, by);
    rx1 = Math.min(rx1, sw - bx);
    ry1 = Math.min(ry1, sh - by);
    for (int y = ry0; y < ry1; y++) {
      java.util.Arrays.fill(seed, y * sw + rx0, y * sw + Math.max(rx0, rx1), (byte) GC_PR_FGD);
    }

    int radius = diskRadius(sw, sh);
    for (Point p : prompt.points()) {
      if (p.positive()) {
        disk(seed, sw, sh, p.x() * sx, p.y() * sy, radius, (byte) GC_FGD);
      }
    }
    for (Point p : prompt.points()) {
      if (!p.positive()) {
        disk(seed, sw, sh, p.x() * sx, p.y() * sy, radius, (byte) GC_BGD);
      }
    }
    return seed;
  }

  private static boolean hasBothSides(byte[] seed) {
    boolean fg = false;
    boolean bg = false;
    for (byte b : seed) {
      fg |= b == GC_FGD || b == GC_PR_FGD;
      bg |= b == GC_BGD || b == GC_PR_BGD;
    }
    return fg && bg;
  }

  /** Radius of the hard-label disks in working pixels: 1% of the long side, at least 3. */
  private static int diskRadius(int sw, int sh) {
    return Math.max(3, (int) Math.round(0.01 * Math.max(sw, sh)));
  }

  /**
   * Without a positive click (box and negative clicks only), drops each foreground component that
   * touches the rim of a negative click's disk: GrabCut pins only the disk itself, and a region of
   * the same colour around it would otherwise stay selected.
   */
  private static byte[] dropComponentsAtNegatives(
      byte[] fg, int sw, int sh, double sx, double sy, List<Point> points) {
    double reach = diskRadius(sw, sh) + 1.5;
    byte[] rim = new byte[fg.length];
    boolean any = false;
    for (Point p : points) {
      if (!p.positive()) {
        disk(rim, sw, sh, p.x() * sx, p.y() * sy, (int) Math.ceil(reach), (byte) 1);
        any = true;
      }
    }
    if (!any) {
      return fg;
    }
    int[] seeds = java.util.stream.IntStream.range(0, fg.length)
        .filter(i -> rim[i] != 0 && fg[i] != 0)
        .toArray();
    byte[] touched = keepComponentsAt(fg, sw, sh, seeds);
    byte[] out = fg.clone();
    for (int i = 0; i < out.length; i++) {
      if (touched[i] != 0) {
        out[i] = 0;
      }
    }
    return out;
  }

  /** Fills the pixels whose centre lies within radius of (cx, cy), both in working coordinates. */
  private static void disk(byte[] m, int sw, int sh, double cx, double cy, int radius, byte value) {
    int x0 = Math.max(0, (int) Math.floor(cx - radius));
    int x1 = Math.min(sw - 1, (int) Math.ceil(cx + radius));
    int y0 = Math.max(0, (int) Math.floor(cy - radius));
    int y1 = Math.min(sh - 1, (int) Math.ceil(cy + radius));
    double r2 = (double) radius * radius;
    for (int y = y0; y <= y1; y++) {
      double dy = y + 0.5 - cy;
      for (int x = x0; x <= x1; x++) {
        double dx = x + 0.5 - cx;
        if (dx * dx + dy * dy <= r2) {
          m[y * sw + x] = value;
        }
      }
    }
  }

  /** Runs GrabCut on the (shrunk) image with the seed mask; returns the final label per pixel. */
  private static byte[] grabCut(RgbImage image, int sw, int sh, byte[] seed) {
    int w = image.width();
    int h = image.height();
    // Channel order does not matter to GrabCut's colour models, so RGB goes in as is.
    try (Mat full = new Mat(h, w, CV_8UC3);
        Mat work = new Mat();
        Mat mask = new Mat(sh, sw, CV_8UC1);
        Mat bgdModel = new Mat();
        Mat fgdModel = new Mat();
        Rect unusedRect = new Rect()) {
      put(full, image.rgb());
      Mat input = full;
      if (sw != w || sh != h) {
        try (Size size = new Size(sw, sh)) {
          opencv_imgproc.resize(full, work, size, 0, 0, INTER_AREA);
        }
        input = work;
      }
      put(mask, seed);
      // GrabCut seeds its colour models with k-means on OpenCV's per-thread RNG; reseeding makes a
      // prompt give the same mask on every call, whatever ran on this thread before.
      opencv_core.setRNGSeed(RNG_SEED);
      opencv_imgproc.grabCut(input, mask, unusedRect, bgdModel, fgdModel, ITERATIONS, GC_INIT_WITH_MASK);
      byte[] labels = new byte[sw * sh];
      get(mask, labels);
      return labels;
    }
  }

  /** Working-image pixel of each positive click. */
  private static int[] positiveSeeds(List<Point> points, int sw, int sh, double sx, double sy) {
    return points.stream()
        .filter(Point::positive)
        .mapToInt(p -> {
          int x = Math.min(sw - 1, (int) Math.floor(p.x() * sx));
          int y = Math.min(sh - 1, (int) Math.floor(p.y() * sy));
          return y * sw + x;
        })
        .toArray();
  }

  /** Keeps the 8-connected foreground components that contain one of the seed pixels. */
  static byte[] keepComponentsAt(byte[] fg, int w, int h, int[] seeds) {
    byte[] kept = new byte[fg.length];
    int[] queue = new int[fg.length];
    for (int s : seeds) {
      if (fg[s] == 0 || kept[s] != 0) {
        continue;
      }
      int head = 0;
      int tail = 0;
      queue[tail++] = s;
      kept[s] = (byte) 255;
      while (head < tail) {
        int i = queue[head++];
        int x = i % w;
        int y = i / w;
        for (int dy = -1; dy <= 1; dy++) {
          int ny = y + dy;
          if (ny < 0 || ny >= h) {
            continue;
          }
          for (int dx = -1; dx <= 1; dx++) {
            int nx = x + dx;
            if (nx < 0 || nx >= w) {
              continue;
            }
            int j = ny * w + nx;
            if (fg[j] != 0 && kept[j] == 0) {
              kept[j] = (byte) 255;
              queue[tail++] = j;
            }
          }
        }
      }
    }
    return kept;
  }

  /** Enlarges a 0/255 mask bilinearly and thresholds it at half. */
  private static byte[] enlarge(byte[] small, int sw, int sh, int w, int h) {
    try (Mat src = new Mat(sh, sw, CV_8UC1);
        Mat dst = new Mat();
        Size size = new Size(w, h)) {
      put(src, small);
      opencv_imgproc.resize(src, dst, size, 0, 0, INTER_LINEAR);
      byte[] out = new byte[w * h];
      get(dst, out);
      for (int i = 0; i < out.length; i++) {
        out[i] = (byte) ((out[i] & 0xFF) >= 128 ? 255 : 0);
      }
      return out;
    }
  }

  private static void put(Mat mat, byte[] bytes) {
    // data() is a non-owning view of the Mat's buffer; closing it frees nothing.
    try (BytePointer data = mat.data()) {
      data.capacity(bytes.length).put(bytes);
    }
  }

  private static void get(Mat mat, byte[] bytes) {
    if (!mat.isContinuous() || mat.total() * mat.elemSize() != bytes.length) {
      throw new IllegalStateException("unexpected Mat layout " + mat.cols() + "x" + mat.rows());
    }
    try (BytePointer data = mat.data()) {
      data.capacity(bytes.length).get(bytes);
    }
  }
}
