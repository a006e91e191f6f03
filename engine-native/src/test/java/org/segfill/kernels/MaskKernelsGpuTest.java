package org.segfill.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
