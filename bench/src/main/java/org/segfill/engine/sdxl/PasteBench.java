package org.segfill.engine.sdxl;

import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.segfill.engine.backend.Tensor;
import org.segfill.engine.image.Resampler;
import org.segfill.engine.image.RgbImage;
import org.segfill.engine.inpaint.PasteBack;
import org.segfill.engine.inpaint.PixelRect;
import org.segfill.engine.inpaint.RepaintMask;
import org.segfill.engine.inpaint.RepaintShape;
import org.segfill.engine.inpaint.Target;
import org.segfill.engine.mask.Mask;
import org.segfill.kernels.ImageKernels;
import org.segfill.kernels.KernelTarget;
import org.segfill.models.testbundle.TwoShapesScene;
import org.segfill.place.KernelPlace;

/**
 * The paste-back of one generated variant, what {@link SdxlInpaintPipeline#generate} does after
 * the VAE decode (its "paste" stage timing): the decoded tensor to floats, the window's original
 * pixels and alpha cut out, the floats to bytes, the Lanczos resize from the bucket back to the
 * window, the colour match against the kept pixels, and the blend into the full photo.
 * {@code pasteBack} is that whole chain as the pipeline runs it ({@link VariantComposer} on the
 * CPU place); the other benchmarks are its parts on the same inputs, on host buffers.
 *
 * <p>Cases, as {@link RegionPlan} plans them: a 1024x1024 photo with the whole image as window
 * (bucket 1024x1024, so the resize is the identity); a 4000x3000 photo with the whole image as
 * window (bucket 1216x896, upscaled 3.3x); the same photo with a crop window around the subject
 * (target subject, region crop: window 1757x1447, bucket 1088x896).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class PasteBench {

  @Param({"1024x1024/full", "4000x3000/full", "4000x3000/crop"})
  public String window;

  private final Resampler resampler = new Resampler();
  private final PasteBack pasteBack = new PasteBack();
  private final ImageKernels imageKernels = new ImageKernels(KernelTarget.cpu());
  private RgbImage image;
  private RepaintMask repaint;
  private PixelRect rect;
  private SdxlBuckets.Size bucket;
  private Tensor decoded;
  private float[] decodedFloats;
  private byte[] windowOriginal;
  private byte[] windowAlpha;
  private RgbImage generated;
  private byte[] fitted;

  @Setup(Level.Trial)
  public void prepare() {
    String[] sizeAndRegion = window.split("/");
    String[] wh = sizeAndRegion[0].split("x");
    boolean crop = sizeAndRegion[1].equals("crop");
    TwoShapesScene scene = TwoShapesScene.landscape()
        .scaledTo(Integer.parseInt(wh[0]), Integer.parseInt(wh[1]));
    image = scene.image();
    try (Mask ellipse = Mask.of(scene.width(), scene.height(), scene.ellipseMask())) {
      // Full: keep the subject, repaint the background. Crop: repaint the subject around it.
      repaint = RepaintMask.build(ellipse, crop ? Target.SUBJECT : Target.BACKGROUND,
          RepaintShape.DEFAULT);
    }
    PixelRect bounds = repaint.bounds();
    RegionPlan plan = RegionPlan.plan(crop ? Region.CROP : Region.FULL, image.width(),
        image.height(), bounds.x(), bounds.y(), bounds.right(), bounds.bottom());
    rect = new PixelRect(plan.x(), plan.y(), plan.width(), plan.height());
    bucket = plan.bucket();
    windowOriginal = rect.crop(image.rgb(), image.width(), 3);
    windowAlpha = rect.crop(repaint.alpha(), image.width(), 1);
    decodedFloats = decodedLike(new RgbImage(rect.width(), rect.height(), windowOriginal));
    decoded = Tensor.ofFloats(new long[] {1, 3, bucket.height(), bucket.width()}, decodedFloats);
    generated = imageOf(decodedFloats, bucket.width(), bucket.height());
    fitted = resampler.resize(generated, rect.width(), rect.height(),
        ImageKernels.Filter.LANCZOS3).rgb().clone();
  }

  /**
   * Everything the pipeline does after the decode for one variant (its "paste" stage timing):
   * the same call as {@link SdxlInpaintPipeline#generate}, on the CPU place.
   */
  @Benchmark
  public RgbImage pasteBack() {
    float[] pixels = decoded.toFloatArray();
    return new VariantComposer(KernelPlace.cpu(), image, repaint, rect, true)
        .compose(pixels, 1, bucket.width(), bucket.height()).get(0);
  }

  /** The decoder's NCHW floats in [-1, 1] to RGB bytes at the bucket size. */
  @Benchmark
  public RgbImage toImage() {
    return imageOf(decodedFloats, bucket.width(), bucket.height());
  }

  /** Lanczos3 from the bucket back to the window (the identity at 1024x1024). */
  @Benchmark
  public RgbImage resize() {
    return resampler.resize(generated, rect.width(), rect.height(),
        ImageKernels.Filter.LANCZOS3);
  }

  /**
   * The colour match of the window. It runs in place on the same bytes every time: after the
   * first call its gains are about 1, which changes nothing in its cost (every pixel is read and
   * written regardless).
   */
  @Benchmark
  public byte[] colorMatch() {
    ColorMatch.apply(fitted, windowOriginal, windowAlpha);
    return fitted;
  }

  /** The blend of the window into a copy of the full photo. */
  @Benchmark
  public RgbImage composite() {
    return pasteBack.composite(image, repaint, rect, fitted);
  }

  // The pipeline's toImage: our kernel turns NCHW floats in [-1, 1] into RGB bytes.
  private RgbImage imageOf(float[] pixels, int w, int h) {
    int floats = 3 * w * h;
    byte[] rgb = new byte[floats];
    try (FloatPointer nchw = new FloatPointer(floats); BytePointer out = new BytePointer(floats)) {
      nchw.put(pixels, 0, floats);
      imageKernels.tensorToImage(nchw, w, h, out);
      out.get(rgb);
    }
    return new RgbImage(w, h, rgb);
  }

  // What the VAE would give back: the window at bucket size, slightly tinted (so the colour match
  // has something to correct), as NCHW floats in [-1, 1].
  private float[] decodedLike(RgbImage windowImage) {
    RgbImage small = resampler.resize(windowImage, bucket.width(), bucket.height(),
        ImageKernels.Filter.LANCZOS3);
    int plane = bucket.width() * bucket.height();
    float[] nchw = new float[3 * plane];
    float[] tint = {0.06f, -0.03f, 0.02f};
    for (int i = 0; i < plane; i++) {
      for (int c = 0; c < 3; c++) {
        float v = (small.rgb()[3 * i + c] & 0xff) / 127.5f - 1f + tint[c];
        nchw[c * plane + i] = Math.max(-1f, Math.min(1f, v));
      }
    }
    return nchw;
  }
}
