package org.segfill.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.junit.jupiter.api.Test;
import org.segfill.cuda.CudaStream;
import org.segfill.cuda.DeviceBuffer;
import org.segfill.kernels.ImageKernels.Filter;
import org.segfill.testing.RequiresCuda;

/**
 * The CUDA build of the image kernels against the CPU twin. The passes are integer arithmetic and
 * the float conversions single IEEE operations, so everything is bit exact, except that Lanczos
 * coefficients use sin(), whose CUDA and glibc results may differ in the last ulp: a Lanczos
 * resize may then differ by 1 in rare bytes (tolerance: |diff| <= 1 in at most 0.1% of bytes;
 * for VAE floats that is 2/255 in value).
 */
@RequiresCuda
class ImageKernelsGpuTest {
  private final ImageKernels cpu = new ImageKernels(KernelTarget.cpu());

  @Test
  void resampleMatchesTheCpuTwin() {
    int[][] sizes = {{1537, 913, 1024, 609}, {4000, 3, 1024, 1}, {33, 17, 70, 40}, {1, 1, 5, 3},
      {640, 480, 640, 300}, {64, 64, 64, 64}};
    Random random = new Random(51);
    try (CudaStream stream = CudaStream.create()) {
      ImageKernels gpu = new ImageKernels(KernelTarget.cuda(stream.handle()));
      for (int[] s : sizes) {
        for (int c : new int[] {1, 3, 4}) {
          for (Filter f : Filter.values()) {
            int inN = s[0] * s[1] * c;
            int outN = s[2] * s[3] * c;
            byte[] data = new byte[inN];
            random.nextBytes(data);
            long ws = ImageKernels.resampleWorkspaceBytes(s[0], s[1], s[2], s[3], c, f);
            byte[] cpuOut;
            try (BytePointer host = new BytePointer(data);
                BytePointer out = new BytePointer(outN);
                BytePointer work = new BytePointer(ws)) {
              cpu.resample(host, s[0], s[1], c, out, s[2], s[3], f, work);
              cpuOut = ResampleReference.bytes(out, outN);
            }
            byte[] gpuOut;
            try (BytePointer host = new BytePointer(data);
                BytePointer result = new BytePointer(outN);
                DeviceBuffer in = DeviceBuffer.allocate(inN);
                DeviceBuffer out = DeviceBuffer.allocate(outN);
                DeviceBuffer work = DeviceBuffer.allocate(ws)) {
              in.upload(host, inN);
              gpu.resample(in.asBytes(), s[0], s[1], c, out.asBytes(), s[2], s[3], f,
                  work.asBytes());
              stream.synchronize();
              out.download(result, outN);
              gpuOut = ResampleReference.bytes(result, outN);
            }
            String label = s[0] + "x" + s[1] + " -> " + s[2] + "x" + s[3] + " c=" + c + " " + f;
            if (f == Filter.BILINEAR) {
              assertArrayEquals(cpuOut, gpuOut, label);
            } else {
              assertWithinOne(cpuOut, gpuOut, label);
            }
          }
        }
      }
    }
  }

  @Test
  void samAndVaePreprocessAndTensorToImageMatchTheCpuTwin() {
    int w = 1537, h = 913;
    byte[] rgb = new byte[w * h * 3];
    new Random(52).nextBytes(rgb);
    float[] mean = ImageKernels.samPixelMean();
    float[] std = ImageKernels.samPixelStd();
    int samN = 3 * 1024 * 1024;
    int vw = 1216, vh = 832, vaeN = 3 * vw * vh;
    long samWs = ImageKernels.samPreprocessWorkspaceBytes(w, h);
    long vaeWs = ImageKernels.vaePreprocessWorkspaceBytes(w, h, vw, vh);
    try (CudaStream stream = CudaStream.create();
        BytePointer host = new BytePointer(rgb);
        FloatPointer cpuSam = new FloatPointer(samN);
        FloatPointer cpuVae = new FloatPointer(vaeN);
        BytePointer cpuImg = new BytePointer(vaeN);
        BytePointer cpuWork = new BytePointer(Math.max(samWs, vaeWs));
        FloatPointer gpuSam = new FloatPointer(samN);
        FloatPointer gpuVae = new FloatPointer(vaeN);
        BytePointer gpuImg = new BytePointer(vaeN);
        DeviceBuffer dRgb = DeviceBuffer.allocate(rgb.length);
        DeviceBuffer dSam = DeviceBuffer.allocate(4L * samN);
        DeviceBuffer dVae = DeviceBuffer.allocate(4L * vaeN);
        DeviceBuffer dImg = DeviceBuffer.allocate(vaeN);
        DeviceBuffer dWork = DeviceBuffer.allocate(Math.max(samWs, vaeWs))) {
      ImageKernels gpu = new ImageKernels(KernelTarget.cuda(stream.handle()));
      dRgb.upload(host, rgb.length);
      gpu.samPreprocess(dRgb.asBytes(), w, h, mean, std, dSam.asFloats(), dWork.asBytes());
      gpu.vaePreprocess(dRgb.asBytes(), w, h, dVae.asFloats(), vw, vh, dWork.asBytes());
      gpu.tensorToImage(dVae.asFloats(), vw, vh, dImg.asBytes());
      stream.synchronize();
      dSam.download(gpuSam, 4L * samN);
      dVae.download(gpuVae, 4L * vaeN);
      dImg.download(gpuImg, vaeN);

      cpu.samPreprocess(host, w, h, mean, std, cpuSam, cpuWork);
      cpu.vaePreprocess(host, w, h, cpuVae, vw, vh, cpuWork);
      cpu.tensorToImage(cpuVae, vw, vh, cpuImg);

      // Bilinear: bit exact.
      assertArrayEquals(ResampleReference.floats(cpuSam, samN), ResampleReference.floats(gpuSam, samN));
      // Lanczos: a rare byte may differ by 1, i.e. 2/255 after scaling to [-1, 1].
      float[] a = ResampleReference.floats(cpuVae, vaeN);
      float[] b = ResampleReference.floats(gpuVae, vaeN);
      int off = 0;
      for (int i = 0; i < vaeN; i++) {
        assertTrue(Math.abs(a[i] - b[i]) <= 2f / 255f + 1e-6f, "vae element " + i);
        off += a[i] != b[i] ? 1 : 0;
      }
      assertTrue(off <= vaeN / 1000, off + " vae elements differ");
      // tensorToImage ran on each side's own VAE tensor: the same tolerance carries over.
      assertWithinOne(ResampleReference.bytes(cpuImg, vaeN), ResampleReference.bytes(gpuImg, vaeN),
          "tensorToImage");
    }
  }

  @Test
  void tensorToImageIsBitExact() {
    int w = 333, h = 77, n = 3 * w * h;
    float[] values = new float[n];
    Random random = new Random(53);
    for (int i = 0; i < n; i++) {
      values[i] = (float) (random.nextGaussian() * 1.2);
    }
    values[0] = Float.NaN;
    try (CudaStream stream = CudaStream.create();
        FloatPointer host = new FloatPointer(values);
        BytePointer cpuOut = new BytePointer(n);
        BytePointer gpuOut = new BytePointer(n);
        DeviceBuffer in = DeviceBuffer.allocate(4L * n);
        DeviceBuffer out = DeviceBuffer.allocate(n)) {
      ImageKernels gpu = new ImageKernels(KernelTarget.cuda(stream.handle()));
      in.upload(host, 4L * n);
      gpu.tensorToImage(in.asFloats(), w, h, out.asBytes());
      stream.synchronize();
      out.download(gpuOut, n);
      cpu.tensorToImage(host, w, h, cpuOut);
      assertArrayEquals(ResampleReference.bytes(cpuOut, n), ResampleReference.bytes(gpuOut, n));
    }
  }

  private static void assertWithinOne(byte[] expected, byte[] actual, String label) {
    int off = 0;
    for (int i = 0; i < expected.length; i++) {
      int d = Math.abs((expected[i] & 0xff) - (actual[i] & 0xff));
      assertTrue(d <= 1, label + ": byte " + i + " differs by " + d);
      off += d;
    }
    assertTrue(off <= Math.max(1, expected.length / 1000), label + ": " + off + " bytes differ");
  }

  @Test
  void samPreprocessMatchesTheCpuTwinAtEveryAspect() {
    // 1x1, the identity resize (1024 square), portrait, landscape and an upscale from below 1024.
    int[][] sizes = {{1, 1}, {1024, 1024}, {700, 1400}, {2048, 1536}, {333, 77}};
    float[] mean = ImageKernels.samPixelMean();
    float[] std = ImageKernels.samPixelStd();
    int samN = 3 * 1024 * 1024;
    Random random = new Random(54);
    for (int[] s : sizes) {
      int w = s[0];
      int h = s[1];
      byte[] rgb = new byte[w * h * 3];
      random.nextBytes(rgb);
      long ws = ImageKernels.samPreprocessWorkspaceBytes(w, h);
      try (CudaStream stream = CudaStream.create();
          BytePointer host = new BytePointer(rgb);
          FloatPointer cpuOut = new FloatPointer(samN);
          BytePointer cpuWork = new BytePointer(ws);
          DeviceBuffer dRgb = DeviceData.upload(rgb);
          DeviceBuffer dOut = DeviceBuffer.allocate(4L * samN);
          DeviceBuffer dWork = DeviceBuffer.allocate(ws)) {
        new ImageKernels(KernelTarget.cuda(stream.handle()))
            .samPreprocess(dRgb.asBytes(), w, h, mean, std, dOut.asFloats(), dWork.asBytes());
        stream.synchronize();
        cpu.samPreprocess(host, w, h, mean, std, cpuOut, cpuWork);
        assertArrayEquals(ResampleReference.floats(cpuOut, samN),
            DeviceData.floats(dOut, samN), w + "x" + h);
      }
    }
  }

  @Test
  void vaePreprocessMatchesTheCpuTwinUpAndDown() {
    // {w, h, outW, outH}: downscale to an SDXL bucket, upscale a small crop, the identity.
    int[][] sizes = {{4000, 3000, 1152, 896}, {500, 300, 1216, 832}, {1024, 1024, 1024, 1024}};
    Random random = new Random(55);
    for (int[] s : sizes) {
      int w = s[0];
      int h = s[1];
      int n = 3 * s[2] * s[3];
      byte[] rgb = new byte[w * h * 3];
      random.nextBytes(rgb);
      long ws = ImageKernels.vaePreprocessWorkspaceBytes(w, h, s[2], s[3]);
      try (CudaStream stream = CudaStream.create();
          BytePointer host = new BytePointer(rgb);
          FloatPointer cpuOut = new FloatPointer(n);
          BytePointer cpuWork = new BytePointer(ws);
          DeviceBuffer dRgb = DeviceData.upload(rgb);
          DeviceBuffer dOut = DeviceBuffer.allocate(4L * n);
          DeviceBuffer dWork = DeviceBuffer.allocate(ws)) {
        new ImageKernels(KernelTarget.cuda(stream.handle()))
            .vaePreprocess(dRgb.asBytes(), w, h, dOut.asFloats(), s[2], s[3], dWork.asBytes());
        stream.synchronize();
        cpu.vaePreprocess(host, w, h, cpuOut, s[2], s[3], cpuWork);
        float[] a = ResampleReference.floats(cpuOut, n);
        float[] b = DeviceData.floats(dOut, n);
        int off = 0;
        for (int i = 0; i < n; i++) {
          assertTrue(Math.abs(a[i] - b[i]) <= 2f / 255f + 1e-6f,
              w + "x" + h + " element " + i + ": " + a[i] + " vs " + b[i]);
          off += a[i] != b[i] ? 1 : 0;
        }
        assertTrue(off <= n / 1000, w + "x" + h + ": " + off + " elements differ");
      }
    }
  }
}
