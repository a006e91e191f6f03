package org.segfill.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.segfill.kernels.NoiseRandnTest.bits;

import java.util.Arrays;
import java.util.Random;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.ShortPointer;
import org.junit.jupiter.api.Test;
import org.segfill.cuda.CudaStream;
import org.segfill.cuda.DeviceBuffer;
import org.segfill.testing.RequiresCuda;

/**
 * The CUDA build of the noise and latent kernels against the CPU twin: noise, fp16, UNet input,
 * sampler step (every coefficient shape: Euler, Euler ancestral, DPM++ 2M first and second order;
 * CFG on and off) and add_noise all bit for bit (same IEEE ops, no FMA on either side).
 */
@RequiresCuda
class LatentKernelsGpuTest {
  private final LatentKernels cpu = new LatentKernels(KernelTarget.cpu());
  private final NoiseKernels cpuNoise = new NoiseKernels(KernelTarget.cpu());

  private static float[] gaussian(Random random, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (random.nextGaussian() * 4);
    }
    return v;
  }

  private static DeviceBuffer upload(float[] values) {
    DeviceBuffer buffer = DeviceBuffer.allocate((long) values.length * Float.BYTES);
    try (FloatPointer host = new FloatPointer(values)) {
      buffer.upload(host, (long) values.length * Float.BYTES);
    }
    return buffer;
  }

  private static float[] download(DeviceBuffer buffer, int n) {
    try (FloatPointer host = new FloatPointer(n)) {
      buffer.download(host, (long) n * Float.BYTES);
      float[] v = new float[n];
      host.get(v);
      return v;
    }
  }


  @Test
  void randnMatchesTheCpuTwin() {
    int batch = 3;
    int n = 4 * 128 * 128 + 3;
    try (CudaStream stream = CudaStream.create();
        DeviceBuffer out = DeviceBuffer.allocate((long) batch * n * Float.BYTES)) {
      new NoiseKernels(KernelTarget.cuda(stream.handle()))
          .randn(out.asFloats(), batch, n, -3L, 0xfffffffe);
      stream.synchronize();
      assertArrayEquals(bits(NoiseRandnTest.randn(cpuNoise, batch, n, -3L, 0xfffffffe)),
          bits(download(out, batch * n)));
    }
  }

  @Test
  void halfConversionsMatchTheCpuTwin() {
    int n = 1 << 20;
    Random random = new Random(41);
    short[] halves = new short[n];
    float[] floats = new float[n];
    for (int i = 0; i < n; i++) {
      halves[i] = (short) i;  // every pattern, 16 times
      floats[i] = Float.intBitsToFloat(random.nextInt());
    }
    try (CudaStream stream = CudaStream.create();
        DeviceBuffer h = DeviceBuffer.allocate((long) n * 2);
        DeviceBuffer f = DeviceBuffer.allocate((long) n * 4);
        ShortPointer hostH = new ShortPointer(halves);
        FloatPointer hostF = new FloatPointer(floats);
        ShortPointer cpuH = new ShortPointer(n);
        FloatPointer cpuF = new FloatPointer(n)) {
      LatentKernels gpu = new LatentKernels(KernelTarget.cuda(stream.handle()));
      h.upload(hostH, (long) n * 2);
      gpu.f16ToF32(h.asShorts(), f.asFloats(), n);
      stream.synchronize();
      cpu.f16ToF32(hostH, cpuF, n);
      float[] expected = new float[n];
      cpuF.get(expected);
      assertArrayEquals(bits(expected), bits(download(f, n)), "f16 -> f32");

      f.upload(hostF, (long) n * 4);
      gpu.f32ToF16(f.asFloats(), h.asShorts(), n);
      stream.synchronize();
      cpu.f32ToF16(hostF, cpuH, n);
      short[] expectedH = new short[n];
      cpuH.get(expectedH);
      short[] actualH = new short[n];
      try (ShortPointer back = new ShortPointer(n)) {
        h.download(back, (long) n * 2);
        back.get(actualH);
      }
      assertArrayEquals(expectedH, actualH, "f32 -> f16");
    }
  }

  @Test
  void unetInputMatchesTheCpuTwin() {
    int batch = 2;
    int h = 33;
    int w = 17;
    int hw = h * w;
    Random random = new Random(42);
    float[] latents = gaussian(random, batch * 4 * hw);
    float[] mask = gaussian(random, hw);
    float[] masked = gaussian(random, 4 * hw);
    int outSize = 2 * batch * 9 * hw;
    try (CudaStream stream = CudaStream.create();
        DeviceBuffer l = upload(latents);
        DeviceBuffer m = upload(mask);
        DeviceBuffer ml = upload(masked);
        DeviceBuffer out = DeviceBuffer.allocate((long) outSize * 4);
        FloatPointer hl = new FloatPointer(latents);
        FloatPointer hm = new FloatPointer(mask);
        FloatPointer hml = new FloatPointer(masked);
        FloatPointer hout = new FloatPointer(outSize)) {
      new LatentKernels(KernelTarget.cuda(stream.handle())).unetInput(l.asFloats(), m.asFloats(),
          ml.asFloats(), batch, 1, h, w, 0.0683f, true, out.asFloats());
      stream.synchronize();
      cpu.unetInput(hl, hm, hml, batch, 1, h, w, 0.0683f, true, hout);
      float[] expected = new float[outSize];
      hout.get(expected);
      assertArrayEquals(bits(expected), bits(download(out, outSize)));
    }
  }

  @Test
  void samplerStepsAndAddNoiseMatchTheCpuTwin() {
    int batch = 2;
    int n = 4 * 64 * 48 + 1;
    Random random = new Random(43);
    float[] modelOut = gaussian(random, 2 * batch * n);
    float[] latents = gaussian(random, batch * n);
    float[] history = gaussian(random, batch * n);
    float[][] coefs = {
      LatentKernels.eulerCoefs(14.6146, 11.6),
      LatentKernels.eulerAncestralCoefs(14.6146, 11.6),
      LatentKernels.dpmpp2mSecondOrderCoefs(14.6146, 10.0, 6.5),
    };
    try (CudaStream stream = CudaStream.create();
        DeviceBuffer mo = upload(modelOut);
        DeviceBuffer x = upload(latents);
        DeviceBuffer hist = upload(history);
        FloatPointer hmo = new FloatPointer(modelOut);
        FloatPointer hx = new FloatPointer(latents);
        FloatPointer hh = new FloatPointer(history)) {
      LatentKernels gpu = new LatentKernels(KernelTarget.cuda(stream.handle()));
      for (float[] coef : coefs) {
        for (boolean cfg : new boolean[] {true, false}) {
          gpu.samplerStep(mo.asFloats(), x.asFloats(), hist.asFloats(), batch, n, cfg, 7.5f, coef,
              77L, 9);
          cpu.samplerStep(hmo, hx, hh, batch, n, cfg, 7.5f, coef, 77L, 9);
        }
      }
      gpu.addNoise(x.asFloats(), hist.asFloats(), 0.5f, 3.25f, x.asFloats(), (long) batch * n);
      cpu.addNoise(hx, hh, 0.5f, 3.25f, hx, (long) batch * n);
      stream.synchronize();
      float[] expectedX = new float[batch * n];
      float[] expectedH = new float[batch * n];
      hx.get(expectedX);
      hh.get(expectedH);
      assertArrayEquals(bits(expectedX), bits(download(x, batch * n)), "latents");
      assertArrayEquals(bits(expectedH), bits(download(hist, batch * n)), "history");
    }
  }

  @Test
  void everySamplerKindWithAndWithoutCfgMatchesTheCpuTwin() {
    // One test per coefficient shape: Euler (no history), Euler ancestral (noise), DPM++ 2M first
    // order (writes history) then second order (reads it), and the first-order step to sigma 0.
    int n = 4 * 40 * 24 + 3;
    Random random = new Random(44);
    for (int batch : new int[] {1, 3}) {
      for (boolean cfg : new boolean[] {false, true}) {
        for (float guidance : new float[] {0f, 1f, 7.5f, 30f}) {
          float[] modelOut = gaussian(random, (cfg ? 2 : 1) * batch * n);
          float[] latents = gaussian(random, batch * n);
          float[] history = gaussian(random, batch * n);
          String label = "batch=" + batch + " cfg=" + cfg + " guidance=" + guidance;
          try (CudaStream stream = CudaStream.create();
              DeviceBuffer mo = upload(modelOut);
              DeviceBuffer x = upload(latents);
              DeviceBuffer hist = upload(history);
              FloatPointer hmo = new FloatPointer(modelOut);
              FloatPointer hx = new FloatPointer(latents);
              FloatPointer hh = new FloatPointer(history)) {
            LatentKernels gpu = new LatentKernels(KernelTarget.cuda(stream.handle()));
            gpu.samplerStep(mo.asFloats(), x.asFloats(), null, batch, n, cfg, guidance,
                LatentKernels.eulerCoefs(9.0, 7.0), 5L, 1);
            cpu.samplerStep(hmo, hx, null, batch, n, cfg, guidance,
                LatentKernels.eulerCoefs(9.0, 7.0), 5L, 1);
            gpu.samplerStep(mo.asFloats(), x.asFloats(), null, batch, n, cfg, guidance,
                LatentKernels.eulerAncestralCoefs(7.0, 5.0), -1L, 2);
            cpu.samplerStep(hmo, hx, null, batch, n, cfg, guidance,
                LatentKernels.eulerAncestralCoefs(7.0, 5.0), -1L, 2);
            float[][] dpm = {
              LatentKernels.dpmpp2mFirstOrderCoefs(5.0, 3.0),
              LatentKernels.dpmpp2mSecondOrderCoefs(5.0, 3.0, 1.5),
              LatentKernels.dpmpp2mFirstOrderCoefs(1.5, 0.0),
            };
            for (float[] coef : dpm) {
              gpu.samplerStep(mo.asFloats(), x.asFloats(), hist.asFloats(), batch, n, cfg,
                  guidance, coef, 0L, 0);
              cpu.samplerStep(hmo, hx, hh, batch, n, cfg, guidance, coef, 0L, 0);
            }
            stream.synchronize();
            assertArrayEquals(bits(DeviceData.floats(hx, batch * n)),
                bits(download(x, batch * n)), "latents " + label);
            assertArrayEquals(bits(DeviceData.floats(hh, batch * n)),
                bits(download(hist, batch * n)), "history " + label);
          }
        }
      }
    }
  }

  @Test
  void unetInputBroadcastsTheMaskAndDropsTheCfgCopy() {
    // {batch, maskBatch, h, w, cfg}: broadcast 2 masks over 4 samples, one per sample, the
    // smallest latent and SDXL's largest bucket side.
    int[][] cases = {{4, 2, 9, 13, 0}, {4, 2, 9, 13, 1}, {3, 3, 1, 1, 1}, {1, 1, 152, 64, 0}};
    Random random = new Random(45);
    for (int[] c : cases) {
      int batch = c[0];
      int maskBatch = c[1];
      int h = c[2];
      int w = c[3];
      boolean cfg = c[4] == 1;
      int hw = h * w;
      float[] latents = gaussian(random, batch * 4 * hw);
      float[] mask = gaussian(random, maskBatch * hw);
      float[] masked = gaussian(random, maskBatch * 4 * hw);
      int outSize = (cfg ? 2 : 1) * batch * 9 * hw;
      float scale = 1f / (float) Math.sqrt(14.6146 * 14.6146 + 1);
      try (CudaStream stream = CudaStream.create();
          DeviceBuffer l = upload(latents);
          DeviceBuffer m = upload(mask);
          DeviceBuffer ml = upload(masked);
          DeviceBuffer out = DeviceBuffer.allocate((long) outSize * 4);
          FloatPointer hl = new FloatPointer(latents);
          FloatPointer hm = new FloatPointer(mask);
          FloatPointer hml = new FloatPointer(masked);
          FloatPointer hout = new FloatPointer(outSize)) {
        new LatentKernels(KernelTarget.cuda(stream.handle())).unetInput(l.asFloats(),
            m.asFloats(), ml.asFloats(), batch, maskBatch, h, w, scale, cfg, out.asFloats());
        stream.synchronize();
        cpu.unetInput(hl, hm, hml, batch, maskBatch, h, w, scale, cfg, hout);
        assertArrayEquals(bits(DeviceData.floats(hout, outSize)), bits(download(out, outSize)),
            Arrays.toString(c));
      }
    }
  }

  @Test
  void addNoiseOutOfPlaceMatchesTheCpuTwin() {
    int n = 4 * 96 * 80 + 5;
    Random random = new Random(46);
    float[] x0 = gaussian(random, n);
    float[] noise = gaussian(random, n);
    try (CudaStream stream = CudaStream.create();
        DeviceBuffer dx = upload(x0);
        DeviceBuffer dn = upload(noise);
        DeviceBuffer out = DeviceBuffer.allocate(4L * n);
        FloatPointer hx = new FloatPointer(x0);
        FloatPointer hn = new FloatPointer(noise);
        FloatPointer hout = new FloatPointer(n)) {
      new LatentKernels(KernelTarget.cuda(stream.handle()))
          .addNoise(dx.asFloats(), dn.asFloats(), 0.9129f, 0.4083f, out.asFloats(), n);
      stream.synchronize();
      cpu.addNoise(hx, hn, 0.9129f, 0.4083f, hout, n);
      assertArrayEquals(bits(DeviceData.floats(hout, n)), bits(download(out, n)));
    }
  }
}
