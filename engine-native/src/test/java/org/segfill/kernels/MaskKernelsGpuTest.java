package org.segfill.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.segfill.cuda.CudaStream;
import org.segfill.cuda.DeviceBuffer;
import org.segfill.testing.RequiresCuda;

/**
 * The CUDA build of the mask kernels against the CPU twin: exact bytes everywhere; SAM
 * post-processing may differ on at most 1 pixel in 10,000 (0 expected: same float operations,
 * no FMA on either side).
 */
@RequiresCuda
class MaskKernelsGpuTest {
  private static final int W = 1537;
  private static final int H = 913;
  private static final long N = (long) W * H;

  private CudaStream stream;
  private MaskKernels gpu;
  private final MaskKernels cpu = new MaskKernels(KernelTarget.cpu());

  @BeforeEach
  void open() {
    stream = CudaStream.create();
    gpu = new MaskKernels(KernelTarget.cuda(stream.handle()));
  }

  @AfterEach
  void close() {
    stream.close();
  }

  private static DeviceBuffer upload(byte[] data) {
    DeviceBuffer d = DeviceBuffer.allocate(data.length);
    try (BytePointer host = new BytePointer(data)) {
      d.upload(host, data.length);
    }
    return d;
  }

  private static DeviceBuffer upload(float[] data) {
    DeviceBuffer d = DeviceBuffer.allocate(4L * data.length);
    try (FloatPointer host = new FloatPointer(data)) {
      d.upload(host, 4L * data.length);
    }
    return d;
  }

  private byte[] download(DeviceBuffer d, long n) {
    stream.synchronize();
    try (BytePointer host = new BytePointer(n)) {
      d.download(host, n);
      return MaskTestData.bytes(host, n);
    }
  }

  @Test
  void samPostprocess() {
    float[] logits = SamPostprocessTest.smoothLogits(7);
    try (DeviceBuffer in = upload(logits);
        DeviceBuffer out = DeviceBuffer.allocate(N);
        FloatPointer hostIn = new FloatPointer(logits);
        BytePointer hostOut = new BytePointer(N)) {
      gpu.samPostprocess(in.asFloats(), W, H, 0f, out.asBytes());
      cpu.samPostprocess(hostIn, W, H, 0f, hostOut);
      byte[] g = download(out, N);
      byte[] c = MaskTestData.bytes(hostOut, N);
      int differing = 0;
      for (int i = 0; i < g.length; i++) {
        differing += g[i] != c[i] ? 1 : 0;
      }
      assertTrue(differing <= N / 10_000, "differing pixels: " + differing);
    }
  }

  @Test
  void downsampleNearest() {
    byte[] mask = MaskTestData.randomBytes((int) N, 8);
    int ow = 192;
    int oh = 114;
    try (DeviceBuffer in = upload(mask);
        DeviceBuffer out = DeviceBuffer.allocate(4L * ow * oh);
        BytePointer hostIn = new BytePointer(mask);
        FloatPointer hostOut = new FloatPointer((long) ow * oh);
        FloatPointer gpuOut = new FloatPointer((long) ow * oh)) {
      gpu.downsampleNearest(in.asBytes(), W, H, out.asFloats(), ow, oh);
      cpu.downsampleNearest(hostIn, W, H, hostOut, ow, oh);
      stream.synchronize();
      out.download(gpuOut, 4L * ow * oh);
      assertArrayEquals(MaskTestData.floats(hostOut, (long) ow * oh),
          MaskTestData.floats(gpuOut, (long) ow * oh));
    }
  }

  @Test
  void growShrinkAndFeather() {
    byte[] mask = MaskTestData.blobs(W, H, 9);
    long ws = Math.max(MaskKernels.morphWorkspaceBytes(W, H), MaskKernels.featherWorkspaceBytes(W, H));
    try (DeviceBuffer in = upload(mask);
        DeviceBuffer out = DeviceBuffer.allocate(N);
        DeviceBuffer work = DeviceBuffer.allocate(ws);
        BytePointer hostIn = new BytePointer(mask);
        BytePointer hostOut = new BytePointer(N);
        BytePointer hostWork = new BytePointer(ws)) {
      for (int r : new int[] {0, 1, 8, 17}) {
        gpu.grow(in.asBytes(), out.asBytes(), W, H, r, work.asBytes());
        cpu.grow(hostIn, hostOut, W, H, r, hostWork);
        assertArrayEquals(MaskTestData.bytes(hostOut, N), download(out, N), "grow r=" + r);
        gpu.shrink(in.asBytes(), out.asBytes(), W, H, r, work.asBytes());
        cpu.shrink(hostIn, hostOut, W, H, r, hostWork);
        assertArrayEquals(MaskTestData.bytes(hostOut, N), download(out, N), "shrink r=" + r);
      }
      for (int r : new int[] {0, 1, 8, 40, 255}) {
        gpu.feather(in.asBytes(), out.asBytes(), W, H, r, work.asBytes());
        cpu.feather(hostIn, hostOut, W, H, r, hostWork);
        assertArrayEquals(MaskTestData.bytes(hostOut, N), download(out, N), "feather r=" + r);
      }
    }
  }

  @Test
  void stroke() {
    Random random = new Random(10);
    float[] pts = new float[2 * 700];
    for (int i = 0; i < pts.length; i += 2) {
      pts[i] = random.nextFloat() * W;
      pts[i + 1] = random.nextFloat() * H;
    }
    byte[] mask = MaskTestData.blobs(W, H, 11);
    try (DeviceBuffer m = upload(mask);
        DeviceBuffer p = upload(pts);
        BytePointer hostMask = new BytePointer(mask);
        FloatPointer hostPts = new FloatPointer(pts)) {
      gpu.stroke(m.asBytes(), W, H, p.asFloats(), 700, 6.5f, false);
      gpu.stroke(m.asBytes(), W, H, p.asFloats(), 3, 20f, true);
      cpu.stroke(hostMask, W, H, hostPts, 700, 6.5f, false);
      cpu.stroke(hostMask, W, H, hostPts, 3, 20f, true);
      assertArrayEquals(MaskTestData.bytes(hostMask, N), download(m, N));
    }
  }

  @Test
  void blend() {
    int c = 3;
    int x0 = 101;
    int y0 = 7;
    int rw = 1001;
    int rh = 899;
    byte[] original = MaskTestData.randomBytes((int) N * c, 12);
    byte[] generated = MaskTestData.randomBytes(rw * rh * c, 13);
    byte[] alpha = MaskTestData.randomBytes(rw * rh, 14);
    try (DeviceBuffer o = upload(original);
        DeviceBuffer g = upload(generated);
        DeviceBuffer a = upload(alpha);
        DeviceBuffer out = DeviceBuffer.allocate(N * c);
        BytePointer ho = new BytePointer(original);
        BytePointer hg = new BytePointer(generated);
        BytePointer ha = new BytePointer(alpha);
        BytePointer hout = new BytePointer(N * c)) {
      gpu.blend(o.asBytes(), W, H, c, g.asBytes(), a.asBytes(), x0, y0, rw, rh, out.asBytes());
      cpu.blend(ho, W, H, c, hg, ha, x0, y0, rw, rh, hout);
      assertArrayEquals(MaskTestData.bytes(hout, N * c), download(out, N * c), "separate out");
      gpu.blend(o.asBytes(), W, H, c, g.asBytes(), a.asBytes(), x0, y0, rw, rh, o.asBytes());
      cpu.blend(ho, W, H, c, hg, ha, x0, y0, rw, rh, ho);
      assertArrayEquals(MaskTestData.bytes(ho, N * c), download(o, N * c), "in place");
    }
  }

  @Test
  void samPostprocessAtEverySizeAndThreshold() {
    // Sizes around SAM's 1024 long side (the crop step), below it, and far above it.
    int[][] sizes = {{1, 1}, {256, 256}, {1024, 1024}, {300, 1200}, {4000, 3000}};
    float[] logits = SamPostprocessTest.smoothLogits(21);
    try (DeviceBuffer in = upload(logits); FloatPointer hostIn = new FloatPointer(logits)) {
      for (int[] s : sizes) {
        long n = (long) s[0] * s[1];
        for (float threshold : new float[] {-1.5f, 0f, 2f}) {
          try (DeviceBuffer out = DeviceBuffer.allocate(n);
              BytePointer hostOut = new BytePointer(n)) {
            gpu.samPostprocess(in.asFloats(), s[0], s[1], threshold, out.asBytes());
            cpu.samPostprocess(hostIn, s[0], s[1], threshold, hostOut);
            byte[] g = download(out, n);
            byte[] c = MaskTestData.bytes(hostOut, n);
            int differing = 0;
            for (int i = 0; i < g.length; i++) {
              differing += g[i] != c[i] ? 1 : 0;
            }
            assertTrue(differing <= n / 10_000,
                s[0] + "x" + s[1] + " threshold " + threshold + ": " + differing + " differ");
          }
        }
      }
    }
  }

  @Test
  void binarizeAtTheThresholdExtremes() {
    byte[] data = MaskTestData.randomBytes((int) N, 22);
    try (DeviceBuffer in = upload(data);
        DeviceBuffer out = DeviceBuffer.allocate(N);
        BytePointer hostIn = new BytePointer(data);
        BytePointer hostOut = new BytePointer(N)) {
      for (int threshold : new int[] {0, 1, 127, 128, 254, 255}) {
        gpu.binarize(in.asBytes(), out.asBytes(), N, threshold);
        cpu.binarize(hostIn, hostOut, N, threshold);
        assertArrayEquals(MaskTestData.bytes(hostOut, N), download(out, N), "t=" + threshold);
      }
    }
  }

  @Test
  void downsampleNearestToEveryLatentShape() {
    byte[] mask = MaskTestData.randomBytes((int) N, 23);
    // SDXL latent sides (1/8 of the buckets), a 1x1, and an upscale.
    int[][] outs = {{128, 128}, {152, 104}, {1, 1}, {2000, 1000}};
    try (DeviceBuffer in = upload(mask); BytePointer hostIn = new BytePointer(mask)) {
      for (int[] o : outs) {
        long on = (long) o[0] * o[1];
        try (DeviceBuffer out = DeviceBuffer.allocate(4L * on);
            FloatPointer hostOut = new FloatPointer(on);
            FloatPointer gpuOut = new FloatPointer(on)) {
          gpu.downsampleNearest(in.asBytes(), W, H, out.asFloats(), o[0], o[1]);
          cpu.downsampleNearest(hostIn, W, H, hostOut, o[0], o[1]);
          stream.synchronize();
          out.download(gpuOut, 4L * on);
          assertArrayEquals(MaskTestData.floats(hostOut, on), MaskTestData.floats(gpuOut, on),
              o[0] + "x" + o[1]);
        }
      }
    }
  }

  @Test
  void morphologyAndFeatherOnNoiseAndLargeRadii() {
    // Random speckle (every pixel its own edge) at a small odd size, with radii beyond its sides.
    int w = 97;
    int h = 61;
    long n = (long) w * h;
    byte[] mask = MaskTestData.randomBytes((int) n, 24);
    long ws = Math.max(MaskKernels.morphWorkspaceBytes(w, h), MaskKernels.featherWorkspaceBytes(w, h));
    try (DeviceBuffer in = upload(mask);
        DeviceBuffer out = DeviceBuffer.allocate(n);
        DeviceBuffer work = DeviceBuffer.allocate(ws);
        BytePointer hostIn = new BytePointer(mask);
        BytePointer hostOut = new BytePointer(n);
        BytePointer hostWork = new BytePointer(ws)) {
      for (int r : new int[] {1, 2, 3, 30, 200}) {
        gpu.grow(in.asBytes(), out.asBytes(), w, h, r, work.asBytes());
        cpu.grow(hostIn, hostOut, w, h, r, hostWork);
        assertArrayEquals(MaskTestData.bytes(hostOut, n), download(out, n), "grow r=" + r);
        gpu.shrink(in.asBytes(), out.asBytes(), w, h, r, work.asBytes());
        cpu.shrink(hostIn, hostOut, w, h, r, hostWork);
        assertArrayEquals(MaskTestData.bytes(hostOut, n), download(out, n), "shrink r=" + r);
      }
      for (int r : new int[] {1, 2, 3, 100, 255}) {
        gpu.feather(in.asBytes(), out.asBytes(), w, h, r, work.asBytes());
        cpu.feather(hostIn, hostOut, w, h, r, hostWork);
        assertArrayEquals(MaskTestData.bytes(hostOut, n), download(out, n), "feather r=" + r);
      }
    }
  }

  @Test
  void strokeEdgeCases() {
    // Zero radius, a single point, points off the image, and a non-finite coordinate that must
    // paint nothing on either device.
    float[][] strokes = {
      {10.5f, 10.5f},
      {-50f, -50f, W + 50f, H + 50f},
      {100f, 100f, Float.NaN, 200f, 300f, 300f},
      {0f, H / 2f, W, H / 2f},
    };
    float[] radii = {0f, 0.5f, 1f, 33.3f};
    byte[] mask = MaskTestData.randomBytes((int) N, 25);
    try (DeviceBuffer m = upload(mask); BytePointer hostMask = new BytePointer(mask)) {
      for (float[] pts : strokes) {
        for (float radius : radii) {
          for (boolean erase : new boolean[] {false, true}) {
            try (DeviceBuffer p = upload(pts); FloatPointer hostPts = new FloatPointer(pts)) {
              gpu.stroke(m.asBytes(), W, H, p.asFloats(), pts.length / 2, radius, erase);
              cpu.stroke(hostMask, W, H, hostPts, pts.length / 2, radius, erase);
              // download() synchronises the stream: the kernel is done before p is freed.
              assertArrayEquals(MaskTestData.bytes(hostMask, N), download(m, N),
                  Arrays.toString(pts) + " r=" + radius + " erase=" + erase);
            }
          }
        }
      }
    }
  }

  @Test
  void blendForEveryChannelCountAndCorner() {
    // {channels, x0, y0, rw, rh}: grey and RGBA, the region flush with each corner, the whole image.
    int[][] cases = {{1, 0, 0, 640, 480}, {4, W - 512, H - 300, 512, 300}, {3, 0, 0, W, H},
      {1, W - 1, H - 1, 1, 1}};
    for (int[] c : cases) {
      int ch = c[0];
      int rw = c[3];
      int rh = c[4];
      byte[] original = MaskTestData.randomBytes((int) N * ch, 26);
      byte[] generated = MaskTestData.randomBytes(rw * rh * ch, 27);
      byte[] alpha = MaskTestData.randomBytes(rw * rh, 28);
      alpha[0] = 0;
      alpha[alpha.length - 1] = (byte) 255;
      try (DeviceBuffer o = upload(original);
          DeviceBuffer g = upload(generated);
          DeviceBuffer a = upload(alpha);
          DeviceBuffer out = DeviceBuffer.allocate(N * ch);
          BytePointer ho = new BytePointer(original);
          BytePointer hg = new BytePointer(generated);
          BytePointer ha = new BytePointer(alpha);
          BytePointer hout = new BytePointer(N * ch)) {
        gpu.blend(o.asBytes(), W, H, ch, g.asBytes(), a.asBytes(), c[1], c[2], rw, rh,
            out.asBytes());
        cpu.blend(ho, W, H, ch, hg, ha, c[1], c[2], rw, rh, hout);
        assertArrayEquals(MaskTestData.bytes(hout, N * ch), download(out, N * ch),
            Arrays.toString(c));
      }
    }
  }
}
