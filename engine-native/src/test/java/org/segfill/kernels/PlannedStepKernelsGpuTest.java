package org.segfill.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.segfill.kernels.NoiseRandnTest.bits;

import java.util.List;
import java.util.Random;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.junit.jupiter.api.Test;
import org.segfill.cuda.CapturedStep;
import org.segfill.cuda.CudaStream;
import org.segfill.cuda.DeviceBuffer;
import org.segfill.kernels.PlannedStepKernelsTest.Sampler;
import org.segfill.testing.RequiresCuda;

/**
 * The planned step kernels on the GPU, captured once in a CUDA graph and replayed (the device
 * loop's shape, with a copy kernel standing in for the UNet), against the eager loop on the CPU
 * twin: the same latents and history bit for bit after every step, for Euler, Euler ancestral and
 * DPM++ 2M with CFG; the graph is in use from the second step on, and the step index ends at the
 * table's length.
 */
@RequiresCuda
class PlannedStepKernelsGpuTest {

  private static final long SEED = 77L;

  @Test
  void capturedStepsReplayTheCpuLoopBitForBit() {
    for (Sampler sampler : Sampler.values()) {
      replay(sampler, 2, 16, 24);
    }
  }

  private void replay(Sampler sampler, int batch, int h, int w) {
    List<StepValues> table = PlannedStepKernelsTest.plans(sampler);
    int total = table.size();
    assertTrue(total > 2, "the table must be long enough to replay the graph");
    int n = 4 * h * w;
    int copies = 2;
    float guidance = 7f;
    boolean withHistory = sampler == Sampler.DPMPP_2M;
    Random random = new Random(sampler.ordinal());
    float[] start = gaussian(random, batch * n, 10);
    float[] mask = new float[batch * h * w];
    for (int i = 0; i < mask.length; i++) {
      mask[i] = random.nextBoolean() ? 1f : 0f;
    }
    float[] masked = gaussian(random, batch * n, 1);
    long inFloats = (long) copies * batch * 9 * h * w;

    // The CPU twin, eager: the reference.
    LatentKernels cpu = new LatentKernels(KernelTarget.cpu());
    float[][] want = new float[total][];
    try (FloatPointer x = new FloatPointer(start);
        FloatPointer hist = withHistory ? new FloatPointer(batch * n) : null;
        FloatPointer m = new FloatPointer(mask);
        FloatPointer mk = new FloatPointer(masked);
        FloatPointer in = new FloatPointer(inFloats);
        FloatPointer out = new FloatPointer((long) copies * batch * n)) {
      for (int k = 0; k < total; k++) {
        StepValues v = table.get(k);
        cpu.unetInput(x, m, mk, batch, batch, h, w, v.inputScale(), true, in);
        new CoreKernels(KernelTarget.cpu()).streamCopy(in, out, (long) copies * batch * n);
        cpu.samplerStep(out, x, hist, batch, n, true, guidance, v.coef(), SEED,
            v.noiseStream());
        want[k] = DeviceData.floats(x, batch * n);
      }
    }

    // The GPU, captured.
    try (CudaStream stream = CudaStream.create();
        DeviceBuffer x = DeviceData.upload(start);
        DeviceBuffer hist = withHistory ? DeviceBuffer.allocate((long) batch * n * 4) : null;
        DeviceBuffer m = DeviceData.upload(mask);
        DeviceBuffer mk = DeviceData.upload(masked);
        DeviceBuffer in = DeviceBuffer.allocate(inFloats * 4);
        DeviceBuffer out = DeviceBuffer.allocate((long) copies * batch * n * 4);
        DeviceBuffer timestep = DeviceBuffer.allocate(4);
        DeviceBuffer plans = DeviceData.upload(StepValues.encode(table));
        DeviceBuffer index = DeviceData.upload(new byte[4])) {
      KernelTarget gpu = KernelTarget.cuda(stream.handle());
      PlannedStepKernels kernels = new PlannedStepKernels(gpu);
      CoreKernels core = new CoreKernels(gpu);
      BytePointer planBytes = plans.asBytes();
      IntPointer step = index.asInts();
      Runnable queue = () -> {
        kernels.unetInput(x.asFloats(), m.asFloats(), mk.asFloats(), batch, batch, h, w, true,
            planBytes, total, step, in.asFloats(), timestep.asFloats());
        core.streamCopy(in.asFloats(), out.asFloats(), (long) copies * batch * n);
        kernels.samplerStep(out.asFloats(), x.asFloats(), hist == null ? null : hist.asFloats(),
            batch, n, true, guidance, planBytes, total, step, SEED);
        kernels.advance(step);
      };
      try (CapturedStep captured = new CapturedStep(stream.handle(), true, queue)) {
        for (int k = 0; k < total; k++) {
          captured.launch();
          stream.synchronize();
          assertArrayEquals(bits(want[k]), bits(DeviceData.floats(x, batch * n)),
              sampler + " latents after step " + (k + 1));
          assertEquals(table.get(k).timestep(), DeviceData.floats(timestep, 1)[0]);
          assertEquals(k >= 1, captured.replaying(), "graph in use after step " + (k + 1));
        }
        assertNull(captured.captureFailure());
      }
      assertEquals(total, readIndex(index), "step index after the loop");
    }
  }

  private static int readIndex(DeviceBuffer index) {
    try (IntPointer host = new IntPointer(1)) {
      index.download(host, 4);
      return host.get(0);
    }
  }

  private static float[] gaussian(Random random, int n, double scale) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (random.nextGaussian() * scale);
    }
    return v;
  }
}
