package org.segfill.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
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
import org.segfill.cuda.CudaMemory;
import org.segfill.cuda.CudaStream;
import org.segfill.cuda.DeviceBuffer;
import org.segfill.devices.CudaProbe;
import org.segfill.kernels.CoreKernels;
import org.segfill.kernels.ImageKernels;
import org.segfill.kernels.ImageKernels.Filter;
import org.segfill.kernels.KernelTarget;
import org.segfill.kernels.LatentKernels;
import org.segfill.kernels.MaskKernels;
import org.segfill.kernels.NoiseKernels;

/**
 * The CUDA build of the kernels at the CPU suites' sizes (256 MiB STREAM arrays, latents
 * 4x128x128 with CFG, a 4000x3000 photo), on device memory. Each op enqueues one kernel call and
 * waits for the stream, so a row is launch plus run plus one synchronisation: the cost a
 * host-driven loop pays per call. {@code copy} here is the device-memory bandwidth reference for
 * this suite's GB/s column. Without a CUDA device the set-up fails at once with the reason; on a
 * CPU-only machine exclude the suite with {@code -e GpuBench}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
public class KernelsGpuBench {
  private static final int W = MaskBench.W;
  private static final int H = MaskBench.H;
  private static final int LATENT = LatentBench.N;
  private static final int LATENT_SIDE = 128;

  private final float[] eulerCoefs = LatentKernels.eulerCoefs(3.0, 2.5);
  private final float[] ancestralCoefs = LatentKernels.eulerAncestralCoefs(3.0, 2.5);
  private final float[] dpmCoefs = LatentKernels.dpmpp2mSecondOrderCoefs(3.5, 3.0, 2.5);
  private CudaStream stream;
  private CoreKernels core;
  private ImageKernels image;
  private LatentKernels latent;
  private NoiseKernels noise;
  private MaskKernels mask;
  private CudaMemory[] owned;
  private DeviceBuffer a;
  private DeviceBuffer b;
  private DeviceBuffer c;
  private DeviceBuffer rgb;
  private DeviceBuffer samTensor;
  private DeviceBuffer vaeResized;
  private DeviceBuffer imageWork;
  private DeviceBuffer modelOut;
  private DeviceBuffer latents;
  private DeviceBuffer history;
  private DeviceBuffer latentMask;
  private DeviceBuffer masked;
  private DeviceBuffer unetIn;
  private DeviceBuffer half;
  private DeviceBuffer photoMask;
  private DeviceBuffer maskOut;
  private DeviceBuffer maskWork;
  private DeviceBuffer original;
  private DeviceBuffer generated;
  private DeviceBuffer blended;
  private DeviceBuffer lowRes;

  @Setup
  public void allocate() {
    if (!CudaProbe.available()) {
      throw new IllegalStateException(
          "KernelsGpuBench needs a CUDA device: " + CudaProbe.probe().reason());
    }
    stream = CudaStream.create();
    KernelTarget target = KernelTarget.cuda(stream.handle());
    core = new CoreKernels(target);
    image = new ImageKernels(target);
    latent = new LatentKernels(target);
    noise = new NoiseKernels(target);
    mask = new MaskKernels(target);
    long streamBytes = BandwidthBench.N * Float.BYTES;
    long photo = (long) W * H;
    long imageWorkBytes = Math.max(ImageKernels.samPreprocessWorkspaceBytes(W, H),
        ImageKernels.resampleWorkspaceBytes(W, H, 1152, 896, 3, Filter.LANCZOS3));
    long maskWorkBytes = Math.max(MaskKernels.morphWorkspaceBytes(W, H),
        MaskKernels.featherWorkspaceBytes(W, H));
    owned = new CudaMemory[] {
      a = DeviceBuffer.allocate(streamBytes),
      b = DeviceBuffer.allocate(streamBytes),
      c = DeviceBuffer.allocate(streamBytes),
      rgb = DeviceBuffer.allocate(3 * photo),
      samTensor = DeviceBuffer.allocate(3L * 1024 * 1024 * Float.BYTES),
      vaeResized = DeviceBuffer.allocate(3L * 1152 * 896),
      imageWork = DeviceBuffer.allocate(imageWorkBytes),
      modelOut = DeviceBuffer.allocate(2L * LATENT * Float.BYTES),
      latents = DeviceBuffer.allocate((long) LATENT * Float.BYTES),
      history = DeviceBuffer.allocate((long) LATENT * Float.BYTES),
      latentMask = DeviceBuffer.allocate((long) LATENT / 4 * Float.BYTES),
      masked = DeviceBuffer.allocate((long) LATENT * Float.BYTES),
      unetIn = DeviceBuffer.allocate(2L * 9 * LATENT_SIDE * LATENT_SIDE * Float.BYTES),
      half = DeviceBuffer.allocate(2L * LATENT * Short.BYTES),
      photoMask = DeviceBuffer.allocate(photo),
      maskOut = DeviceBuffer.allocate(photo),
      maskWork = DeviceBuffer.allocate(maskWorkBytes),
      original = DeviceBuffer.allocate(3 * photo),
      generated = DeviceBuffer.allocate(3 * photo),
      blended = DeviceBuffer.allocate(3 * photo),
      lowRes = DeviceBuffer.allocate(256L * 256 * Float.BYTES),
    };
    // Real data, not zeros: the kernels branch on values (thresholds, NaN checks, mask edges).
    core.streamTriad(a.asFloats(), b.asFloats(), c.asFloats(), 0f, BandwidthBench.N);
    noise.randn(modelOut.asFloats(), 2, LATENT, 1, 0);
    noise.randn(latents.asFloats(), 1, LATENT, 2, 0);
    noise.randn(history.asFloats(), 1, LATENT, 3, 0);
    noise.randn(masked.asFloats(), 1, LATENT, 4, 0);
    noise.randn(latentMask.asFloats(), 1, LATENT / 4, 5, 0);
    noise.randn(lowRes.asFloats(), 1, 256 * 256, 6, 0);
    stream.synchronize();
    Random random = new Random(7);
    upload(rgb, randomBytes(random, 3 * photo));
    upload(original, randomBytes(random, 3 * photo));
    upload(generated, randomBytes(random, 3 * photo));
    upload(photoMask, blobs(random));
  }

  @TearDown
  public void free() {
    if (owned != null) {
      for (CudaMemory memory : owned) {
        memory.close();
      }
    }
    if (stream != null) {
      stream.close();
    }
  }

  private static byte[] randomBytes(Random random, long n) {
    byte[] bytes = new byte[Math.toIntExact(n)];
    random.nextBytes(bytes);
    return bytes;
  }

  /** A mask of filled discs: long runs and real edges, as a subject mask has. */
  private static byte[] blobs(Random random) {
    byte[] m = new byte[W * H];
    for (int k = 0; k < 40; k++) {
      int cx = random.nextInt(W);
      int cy = random.nextInt(H);
      int r = 50 + random.nextInt(400);
      for (int y = Math.max(0, cy - r); y < Math.min(H, cy + r); y++) {
        for (int x = Math.max(0, cx - r); x < Math.min(W, cx + r); x++) {
          if ((long) (x - cx) * (x - cx) + (long) (y - cy) * (y - cy) <= (long) r * r) {
            m[y * W + x] = (byte) 255;
          }
        }
      }
    }
    return m;
  }

  private static void upload(DeviceBuffer buffer, byte[] data) {
    try (BytePointer host = new BytePointer(data)) {
      buffer.upload(host, data.length);
    }
  }

  /** Device copy of 256 MiB: reads N floats and writes N floats. */
  @Benchmark
  public void copy() {
    core.streamCopy(b.asFloats(), a.asFloats(), BandwidthBench.N);
    stream.synchronize();
  }

  /** Device triad over 256 MiB arrays: reads 2N floats and writes N floats. */
  @Benchmark
  public void triad() {
    core.streamTriad(a.asFloats(), b.asFloats(), c.asFloats(), 3f, BandwidthBench.N);
    stream.synchronize();
  }

  /** SAM pre-processing of a 4000x3000 photo into the 1x3x1024x1024 encoder input. */
  @Benchmark
  public void samPreprocess() {
    image.samPreprocess(rgb.asBytes(), W, H, ImageKernels.samPixelMean(),
        ImageKernels.samPixelStd(), samTensor.asFloats(), imageWork.asBytes());
    stream.synchronize();
  }

  /** PIL-exact Lanczos3 from 4000x3000 to the 1152x896 SDXL bucket. */
  @Benchmark
  public void resizeLanczos() {
    image.resample(rgb.asBytes(), W, H, 3, vaeResized.asBytes(), 1152, 896, Filter.LANCZOS3,
        imageWork.asBytes());
    stream.synchronize();
  }

  /** CFG combine fused with the Euler update on 1x4x128x128 latents. */
  @Benchmark
  public void cfgEuler() {
    latent.samplerStep(modelOut.asFloats(), latents.asFloats(), null, 1, LATENT, true, 7.5f,
        eulerCoefs, 0, 0);
    stream.synchronize();
  }

  /** CFG + Euler ancestral, drawing the step's Philox noise inline. */
  @Benchmark
  public void cfgEulerAncestral() {
    latent.samplerStep(modelOut.asFloats(), latents.asFloats(), null, 1, LATENT, true, 7.5f,
        ancestralCoefs, 0, 7);
    stream.synchronize();
  }

  /** CFG + second-order DPM++ 2M. */
  @Benchmark
  public void cfgDpmpp2m() {
    latent.samplerStep(modelOut.asFloats(), latents.asFloats(), history.asFloats(), 1, LATENT,
        true, 7.5f, dpmCoefs, 0, 0);
    stream.synchronize();
  }

  /** scale_model_input + concat into the 2x9x128x128 UNet input. */
  @Benchmark
  public void unetInput() {
    latent.unetInput(latents.asFloats(), latentMask.asFloats(), masked.asFloats(), 1, 1,
        LATENT_SIDE, LATENT_SIDE, 0.3f, true, unetIn.asFloats());
    stream.synchronize();
  }

  /** Initial noise for one 4x128x128 sample. */
  @Benchmark
  public void randn() {
    noise.randn(latents.asFloats(), 1, LATENT, 42, 0);
    stream.synchronize();
  }

  /** fp32 to fp16 of a 2x4x128x128 UNet output. */
  @Benchmark
  public void f32ToF16() {
    latent.f32ToF16(modelOut.asFloats(), half.asShorts(), 2L * LATENT);
    stream.synchronize();
  }

  /** Exact disk dilation of the 4000x3000 mask, radius 8. */
  @Benchmark
  public void grow() {
    mask.grow(photoMask.asBytes(), maskOut.asBytes(), W, H, MaskBench.RADIUS,
        maskWork.asBytes());
    stream.synchronize();
  }

  /** Fixed-point Gaussian feather of the 4000x3000 mask, radius 8. */
  @Benchmark
  public void feather() {
    mask.feather(photoMask.asBytes(), maskOut.asBytes(), W, H, MaskBench.RADIUS,
        maskWork.asBytes());
    stream.synchronize();
  }

  /** Full-frame RGB blend of a generated 4000x3000 image through the mask. */
  @Benchmark
  public void blend() {
    mask.blend(original.asBytes(), W, H, 3, generated.asBytes(), photoMask.asBytes(), 0, 0, W, H,
        blended.asBytes());
    stream.synchronize();
  }

  /** SAM post-processing: 256x256 logits to the 4000x3000 mask in one pass. */
  @Benchmark
  public void samPostprocess() {
    mask.samPostprocess(lowRes.asFloats(), W, H, 0f, maskOut.asBytes());
    stream.synchronize();
  }
}
