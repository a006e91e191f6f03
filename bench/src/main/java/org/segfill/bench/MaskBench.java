package org.segfill.bench;

import static org.bytedeco.opencv.global.opencv_core.CV_32FC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_ELLIPSE;
import static org.bytedeco.opencv.global.opencv_imgproc.blendLinear;
import static org.bytedeco.opencv.global.opencv_imgproc.dilate;
import static org.bytedeco.opencv.global.opencv_imgproc.getStructuringElement;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.segfill.kernels.KernelTarget;
import org.segfill.kernels.MaskKernels;

/**
 * Mask work on a 4000x3000 photo: grow and feather at radius 8 px, the full-resolution blend,
 * and SAM post-processing from 256x256 logits, each against the OpenCV calls a user would chain.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 3, time = 2)
public class MaskBench {
  public static final int W = 4000;
  public static final int H = 3000;
  public static final int RADIUS = 8;

  private final MaskKernels kernels = new MaskKernels(KernelTarget.cpu());
  private Mat mask;
  private Mat original;
  private Mat generated;
  private Mat blended;
  private Mat maskOut;
  private Mat disk;
  private Mat weights;
  private Mat inverseWeights;
  private Mat logits;
  private Mat logits1024;
  private Mat maskFloat;
  private BytePointer morphWorkspace;
  private BytePointer featherWorkspace;
  private FloatPointer lowRes;

  @Setup
  public void allocate() {
    mask = OpenCvImages.ellipseMask(H, W);
    original = OpenCvImages.random(H, W, CV_8UC3, 2);
    generated = OpenCvImages.random(H, W, CV_8UC3, 3);
    blended = original.clone();
    maskOut = mask.clone();
    disk = getStructuringElement(MORPH_ELLIPSE, new Size(2 * RADIUS + 1, 2 * RADIUS + 1));
    weights = new Mat();
    mask.convertTo(weights, CV_32FC1, 1.0 / 255, 0);
    inverseWeights = new Mat();
    weights.convertTo(inverseWeights, CV_32FC1, -1.0, 1.0);
    morphWorkspace = new BytePointer(MaskKernels.morphWorkspaceBytes(W, H));
    featherWorkspace = new BytePointer(MaskKernels.featherWorkspaceBytes(W, H));
    lowRes = new FloatPointer(256 * 256);
    float[] values = new float[256 * 256];
    for (int y = 0; y < 256; y++) {
      for (int x = 0; x < 256; x++) {
        values[y * 256 + x] = 40f - (float) Math.hypot(x - 128, (y - 100) * 1.3);
      }
    }
    lowRes.put(values);
    logits = new Mat(256, 256, CV_32FC1, lowRes);
    logits1024 = new Mat();
    maskFloat = new Mat();
  }

  @TearDown
  public void free() {
    for (var p : new org.bytedeco.javacpp.Pointer[] {mask, original, generated, blended, maskOut,
        disk, weights, inverseWeights, morphWorkspace, featherWorkspace, logits, logits1024,
        maskFloat, lowRes}) {
      p.close();
    }
  }

  /** Disk dilation by 8 px. */
  @Benchmark
  public void grow() {
    kernels.grow(OpenCvImages.bytes(mask), OpenCvImages.bytes(maskOut), W, H, RADIUS,
        morphWorkspace);
  }

  /** OpenCV dilate with a 17x17 ellipse. */
  @Benchmark
  public void growOpenCv() {
    dilate(mask, maskOut, disk);
  }

  /** Gaussian feather, radius 8 px (sigma 8/3), exact fixed point. */
  @Benchmark
  public void feather() {
    kernels.feather(OpenCvImages.bytes(mask), OpenCvImages.bytes(maskOut), W, H, RADIUS,
        featherWorkspace);
  }

  /** OpenCV GaussianBlur, 17x17, sigma 8/3. */
  @Benchmark
  public void featherOpenCv() {
    try (Size k = new Size(2 * RADIUS + 1, 2 * RADIUS + 1)) {
      GaussianBlur(mask, maskOut, k, RADIUS / 3.0);
    }
  }

  /** Full-resolution RGB blend through an 8-bit alpha. */
  @Benchmark
  public void blend() {
    kernels.blend(OpenCvImages.bytes(original), W, H, 3, OpenCvImages.bytes(generated),
        OpenCvImages.bytes(mask), 0, 0, W, H, OpenCvImages.bytes(blended));
  }

  /** OpenCV blendLinear with precomputed float weights (their conversion is not timed). */
  @Benchmark
  public void blendOpenCv() {
    blendLinear(generated, original, weights, inverseWeights, blended);
  }

  /** 256x256 logits to a 4000x3000 binary mask in one pass. */
  @Benchmark
  public void samPostprocess() {
    kernels.samPostprocess(lowRes, W, H, 0f, OpenCvImages.bytes(maskOut));
  }

  /** OpenCV: resize to 1024, crop, resize to 4000x3000, threshold at 0. */
  @Benchmark
  public void samPostprocessOpenCv() {
    try (Size s1024 = new Size(1024, 1024); Size full = new Size(W, H);
        Rect crop = new Rect(0, 0, 1024, 768)) {
      resize(logits, logits1024, s1024, 0, 0, INTER_LINEAR);
      try (Mat cropped = new Mat(logits1024, crop)) {
        resize(cropped, maskFloat, full, 0, 0, INTER_LINEAR);
      }
      org.bytedeco.opencv.global.opencv_imgproc.threshold(maskFloat, maskFloat, 0, 255,
          org.bytedeco.opencv.global.opencv_imgproc.THRESH_BINARY);
      maskFloat.convertTo(maskOut, org.bytedeco.opencv.global.opencv_core.CV_8UC1);
    }
  }
}
