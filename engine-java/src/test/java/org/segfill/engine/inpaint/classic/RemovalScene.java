package org.segfill.engine.inpaint.classic;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;

import java.nio.ByteOrder;
import java.util.List;
import java.util.SplittableRandom;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.segfill.engine.image.RgbImage;

/**
 * Synthetic photos with known ground truth for comparing removal fills: the whole scene is the
 * truth, a hole is cut from it, and a fill is scored against what the hole covered.
 *
 * @param name how tables name the scene
 * @param kind which assertion of {@code ClassicRemoveComparisonTest} applies
 * @param image the scene
 */
record RemovalScene(String name, Kind kind, RgbImage image) {

  /** What a good fill of the scene looks like, and so how it is judged. */
  enum Kind {
    /** Smooth shading: PSNR says it all. */
    SMOOTH,
    /** Stripes and checks: a fill that continues the pattern scores tens of dB above a blur. */
    PERIODIC,
    /**
     * Random texture (alone, over an edge, or as sensor noise on shading): no fill can guess the
     * exact grain, so PSNR favours a blur; the gradient energy says whether texture is there.
     */
    RANDOM
  }

  private interface Pixel {
    int[] rgb(int x, int y);
  }

  /**
   * The nine scenes at w x h: a gradient, the gradient with sensor noise, stripes of period 8,
   * 24 and 64 px, checks of 16 and 48 px, filtered noise, and textured halves split by an edge
   * through (w / 2 + 1, h / 2 + 1), where the holes go.
   */
  static List<RemovalScene> all(int w, int h) {
    double[] fine = noise(w, h, 1, 1.5);
    double[] medium = noise(w, h, 2, 4);
    double[] coarse = noise(w, h, 3, 12);
    double[] tint = noise(w, h, 4, 3);
    SplittableRandom sensor = new SplittableRandom(5);
    double cx = w / 2 + 1;
    double cy = h / 2 + 1;
    double edgeSin = Math.sin(Math.toRadians(30));
    double edgeCos = Math.cos(Math.toRadians(30));
    return List.of(
        scene("gradient", Kind.SMOOTH, w, h, (x, y) -> gradient(x, y, w, h, 0, 0, 0)),
        scene("gradient+noise", Kind.RANDOM, w, h, (x, y) -> gradient(x, y, w, h,
            2 * sensor.nextGaussian(), 2 * sensor.nextGaussian(), 2 * sensor.nextGaussian())),
        stripes(8, w, h), stripes(24, w, h), stripes(64, w, h),
        checks(16, w, h), checks(48, w, h),
        scene("noise", Kind.RANDOM, w, h, (x, y) -> {
          int i = y * w + x;
          double v = 0.25 * fine[i] + 0.45 * medium[i] + 0.6 * coarse[i];
          return new int[] {(int) (128 + 40 * v), (int) (110 + 35 * v + 10 * tint[i]),
              (int) (90 + 25 * v - 10 * tint[i])};
        }),
        scene("edge", Kind.RANDOM, w, h, (x, y) -> {
          int i = y * w + x;
          double grain = 12 * fine[i] + 10 * medium[i];
          boolean light = (x - cx) * edgeSin - (y - cy) * edgeCos > 0;
          int[] base = light ? new int[] {190, 170, 120} : new int[] {50, 80, 110};
          return new int[] {(int) (base[0] + grain), (int) (base[1] + grain),
              (int) (base[2] + grain)};
        }));
  }

  private static int[] gradient(int x, int y, int w, int h, double dr, double dg, double db) {
    return new int[] {(int) Math.round(40 + 150.0 * x / w + dr),
        (int) Math.round(60 + 120.0 * y / h + dg),
        (int) Math.round(180 - 100.0 * (x + y) / (w + h) + db)};
  }

  private static RemovalScene stripes(int period, int w, int h) {
    double cos = Math.cos(Math.toRadians(20));
    double sin = Math.sin(Math.toRadians(20));
    return scene("stripes " + period, Kind.PERIODIC, w, h, (x, y) -> {
      double v = Math.sin(2 * Math.PI * (x * cos + y * sin) / period);
      return new int[] {(int) (120 + 70 * v), (int) (100 + 50 * v), (int) (80 - 40 * v)};
    });
  }

  private static RemovalScene checks(int size, int w, int h) {
    return scene("checks " + size, Kind.PERIODIC, w, h, (x, y) -> (x / size + y / size) % 2 == 0
        ? new int[] {200, 180, 150} : new int[] {60, 70, 90});
  }

  /** Renders row by row (the sensor noise draws in that order), clamping to 0..255. */
  private static RemovalScene scene(String name, Kind kind, int w, int h, Pixel pixel) {
    byte[] rgb = new byte[w * h * 3];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int[] c = pixel.rgb(x, y);
        for (int k = 0; k < 3; k++) {
          rgb[3 * (y * w + x) + k] = (byte) Math.max(0, Math.min(255, c[k]));
        }
      }
    }
    return new RemovalScene(name, kind, new RgbImage(w, h, rgb));
  }

  /** White Gaussian noise blurred by {@code sigma} px, scaled to unit RMS. */
  private static double[] noise(int w, int h, long seed, double sigma) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] white = new float[w * h];
    for (int i = 0; i < white.length; i++) {
      white[i] = (float) random.nextGaussian();
    }
    float[] blurred = new float[w * h];
    try (Mat in = new Mat(h, w, CV_32F);
        Mat out = new Mat();
        Size auto = new Size(0, 0);
        BytePointer inData = in.data()) {
      inData.capacity(4L * w * h).asByteBuffer().order(ByteOrder.nativeOrder()).asFloatBuffer()
          .put(white);
      opencv_imgproc.GaussianBlur(in, out, auto, sigma);
      try (BytePointer outData = out.data()) {
        outData.capacity(4L * w * h).asByteBuffer().order(ByteOrder.nativeOrder())
            .asFloatBuffer().get(blurred);
      }
    }
    double sum = 0;
    for (float v : blurred) {
      sum += v * v;
    }
    double rms = Math.sqrt(sum / blurred.length);
    double[] unit = new double[w * h];
    for (int i = 0; i < unit.length; i++) {
      unit[i] = blurred[i] / rms;
    }
    return unit;
  }
}
