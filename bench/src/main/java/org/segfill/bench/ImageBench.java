package org.segfill.bench;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LANCZOS4;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.segfill.kernels.ImageKernels;
import org.segfill.kernels.ImageKernels.Filter;
import org.segfill.kernels.KernelTarget;

/**
 * Image to tensor at production sizes: SAM pre-processing of a 1024x1024 and a 4000x3000 photo,
 * and the resizes behind it against OpenCV's (INTER_AREA is OpenCV's antialiased downscale;
 * INTER_LANCZOS4 its Lanczos). The VAE resize targets the 1152x896 SDXL bucket.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 3, time = 2)
public class ImageBench {
  private static final float[] MEAN = {123.675f, 116.28f, 103.53f};
  private static final float[] STD = {58.395f, 57.12f, 57.375f};

  @Param({"1024x1024", "4000x3000"})
  public String size;

  private final ImageKernels kernels = new ImageKernels(KernelTarget.cpu());
  private int w;
  private int h;
  private ImageKernels.Size samSize;
  private Mat image;
  private BytePointer rgb;
  private FloatPointer samTensor;
  private BytePointer samWorkspace;
  private BytePointer resized;
  private BytePointer bilinearWorkspace;
  private BytePointer lanczosWorkspace;
  private BytePointer vaeResized;
  private Mat cvOut;

  @Setup
  public void allocate() {
    String[] parts = size.split("x");
    w = Integer.parseInt(parts[0]);
    h = Integer.parseInt(parts[1]);
    samSize = ImageKernels.samResizedSize(w, h);
    image = OpenCvImages.random(h, w, CV_8UC3, 1);
    rgb = OpenCvImages.bytes(image);
    samTensor = new FloatPointer(3L * 1024 * 1024);
    samWorkspace = new BytePointer(ImageKernels.samPreprocessWorkspaceBytes(w, h));
    resized = new BytePointer(3L * samSize.width() * samSize.height());
    bilinearWorkspace = new BytePointer(Math.max(1, ImageKernels.resampleWorkspaceBytes(
        w, h, samSize.width(), samSize.height(), 3, Filter.BILINEAR)));
    lanczosWorkspace = new BytePointer(
        ImageKernels.resampleWorkspaceBytes(w, h, 1152, 896, 3, Filter.LANCZOS3));
    vaeResized = new BytePointer(3L * 1152 * 896);
    cvOut = new Mat();
  }

  @TearDown
  public void free() {
    for (var p : new org.bytedeco.javacpp.Pointer[] {samTensor, samWorkspace, resized,
        bilinearWorkspace, lanczosWorkspace, vaeResized, image, cvOut}) {
      p.close();
    }
  }

  /** The whole SAM pre-processing: resize, normalise, pad to [1,3,1024,1024]. */
  @Benchmark
  public void samPreprocess() {
    kernels.samPreprocess(rgb, w, h, MEAN, STD, samTensor, samWorkspace);
  }

  /** PIL-exact antialiased bilinear resize to SAM's size. */
  @Benchmark
  public void resizeBilinear() {
    kernels.resample(rgb, w, h, 3, resized, samSize.width(), samSize.height(), Filter.BILINEAR,
        bilinearWorkspace);
  }

  /** OpenCV's antialiased downscale to the same size (INTER_AREA). */
  @Benchmark
  public void resizeBilinearOpenCv() {
    try (Size dsize = new Size(samSize.width(), samSize.height())) {
      resize(image, cvOut, dsize, 0, 0, INTER_AREA);
    }
  }

  /** PIL-exact Lanczos3 resize to 1152x896 (the VAE input). */
  @Benchmark
  public void resizeLanczos() {
    kernels.resample(rgb, w, h, 3, vaeResized, 1152, 896, Filter.LANCZOS3, lanczosWorkspace);
  }

  /** OpenCV's Lanczos (8x8 taps, not widened when downscaling). */
  @Benchmark
  public void resizeLanczosOpenCv() {
    try (Size dsize = new Size(1152, 896)) {
      resize(image, cvOut, dsize, 0, 0, INTER_LANCZOS4);
    }
  }
}
