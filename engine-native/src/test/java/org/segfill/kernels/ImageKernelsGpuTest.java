package org.segfill.kernels;

import static org.segfill.kernels.ImageKernelsTest.assertMaxDifference;
import static org.segfill.kernels.ImageKernelsTest.smoothImage;

import java.util.Random;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.junit.jupiter.api.Test;
import org.segfill.cuda.CudaStream;
import org.segfill.cuda.DeviceBuffer;
import org.segfill.kernels.ImageKernels.Filter;
import org.segfill.testing.RequiresCuda;

/**
 * The CUDA build of the image kernels against the CPU twin: bilinear resampling and the tensor
 * conversions bit for bit; Lanczos within one level (its weights use the device's sin()).
 */
@RequiresCuda
class ImageKernelsGpuTest {

  @Test
  void resampleMatchesTheCpuTwin() {
    int w = 1537;
    int h = 913;
    byte[] img = smoothImage(new Random(1), w, h, 3);
    for (Filter filter : Filter.values()) {
      byte[] cpu = run(KernelTarget.cpu(), img, w, h, 1024, 608, filter, null);
      try (CudaStream stream = CudaStream.create()) {
        byte[] gpu = run(KernelTarget.cuda(stream.handle()), img, w, h, 1024, 608, filter, stream);
        assertMaxDifference(cpu, gpu, filter == Filter.LANCZOS3 ? 1 : 0, filter.name());
      }
    }
  }

  @Test
  void tensorToImageMatchesTheCpuTwin() {
    int w = 130;
    int h = 77;
    int n = 3 * w * h;
    float[] values = new float[n];
    Random random = new Random(2);
    for (int i = 0; i < n; i++) {
      values[i] = (float) random.nextGaussian();
    }
    try (CudaStream stream = CudaStream.create();
        FloatPointer host = new FloatPointer(values);
        BytePointer cpuOut = new BytePointer(n);
        BytePointer gpuOut = new BytePointer(n);
        DeviceBuffer dIn = DeviceBuffer.allocate(4L * n);
        DeviceBuffer dOut = DeviceBuffer.allocate(n)) {
      new ImageKernels(KernelTarget.cpu()).tensorToImage(host, w, h, cpuOut);
      dIn.upload(host, 4L * n);
      new ImageKernels(KernelTarget.cuda(stream.handle())).tensorToImage(
          dIn.asFloats(), w, h, dOut.asBytes());
      stream.synchronize();
      dOut.download(gpuOut, n);
      byte[] a = new byte[n];
      byte[] b = new byte[n];
      cpuOut.get(a);
      gpuOut.get(b);
      assertMaxDifference(a, b, 0, "tensorToImage");
    }
  }

  private static byte[] run(KernelTarget target, byte[] img, int w, int h, int outW, int outH,
      Filter filter, CudaStream stream) {
    long wsBytes = ImageKernels.resampleWorkspaceBytes(w, h, outW, outH, 3, filter);
    byte[] result = new byte[outW * outH * 3];
    ImageKernels kernels = new ImageKernels(target);
    try (BytePointer host = new BytePointer(img); BytePointer out = new BytePointer(result.length)) {
      if (stream == null) {
        try (BytePointer ws = new BytePointer(wsBytes)) {
          kernels.resample(host, w, h, 3, out, outW, outH, filter, ws);
        }
      } else {
        try (DeviceBuffer dIn = DeviceBuffer.allocate(img.length);
            DeviceBuffer dOut = DeviceBuffer.allocate(result.length);
            DeviceBuffer ws = DeviceBuffer.allocate(wsBytes)) {
          dIn.upload(host, img.length);
          kernels.resample(dIn.asBytes(), w, h, 3, dOut.asBytes(), outW, outH, filter,
              ws.asBytes());
          stream.synchronize();
          dOut.download(out, result.length);
        }
      }
      out.get(result);
    }
    return result;
  }
}
