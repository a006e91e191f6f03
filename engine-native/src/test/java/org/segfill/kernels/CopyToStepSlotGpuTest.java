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
 * The ring-slot copy inside a captured step, as the device loop keeps preview inputs: each step
 * copies its latents before the update into slot {@code step % slots}, then the planned sampler
 * step and the index advance run. Replayed from the graph with 1, then 2, then 3 steps queued
 * before the host waits, the ring holds the CPU twin's values bit for bit, so the slot followed
 * the device index and not the arguments captured with the first replay.
 */
@RequiresCuda
class CopyToStepSlotGpuTest {

  private static final long SEED = 91L;
  private static final int SLOTS = 3;
  private static final int[] QUEUED_BEFORE_WAIT = {1, 2, 3};

  @Test
  void capturedCopiesFollowTheDeviceIndexAndWrap() {
    List<StepValues> table = PlannedStepKernelsTest.plans(Sampler.EULER_ANCESTRAL);
    int total = table.size();
    assertEquals(6, total, "1 + 2 + 3 steps, past the 3 slots");
    int batch = 1;
    int h = 8;
    int w = 12;
    int n = 4 * h * w;
    float guidance = 6f;
    Random random = new Random(5);
    float[] start = gaussian(random, n, 10);
    float[] mask = new float[h * w];
    for (int i = 0; i < mask.length; i++) {
      mask[i] = random.nextBoolean() ? 1f : 0f;
    }
    float[] masked = gaussian(random, n, 1);
    float[] emptyRing = CopyToStepSlotTest.sentinels(SLOTS * n);
    long inFloats = 2L * 9 * h * w;

    // The CPU twin: the ring after each step.
    float[][] want = new float[total][];
    PlannedStepKernels cpu = new PlannedStepKernels(KernelTarget.cpu());
    CoreKernels cpuCore = new CoreKernels(KernelTarget.cpu());
    try (FloatPointer x = new FloatPointer(start);
        FloatPointer m = new FloatPointer(mask);
        FloatPointer mk = new FloatPointer(masked);
        FloatPointer in = new FloatPointer(inFloats);
        FloatPointer out = new FloatPointer(2L * n);
        FloatPointer timestep = new FloatPointer(1);
        FloatPointer ring = new FloatPointer(emptyRing);
        BytePointer plans = new BytePointer(StepValues.encode(table));
        IntPointer step = new IntPointer(new int[] {0})) {
      for (int k = 0; k < total; k++) {
        cpu.unetInput(x, m, mk, batch, batch, h, w, true, plans, total, step, in, timestep);
        cpuCore.streamCopy(in, out, 2L * n);
        cpu.copyToStepSlot(x, ring, n, SLOTS, step);
        cpu.samplerStep(out, x, null, batch, n, true, guidance, plans, total, step, SEED);
        cpu.advance(step);
        want[k] = DeviceData.floats(ring, SLOTS * n);
      }
    }

    // The GPU, captured, with several steps queued before each wait.
    try (CudaStream stream = CudaStream.create();
        DeviceBuffer x = DeviceData.upload(start);
        DeviceBuffer m = DeviceData.upload(mask);
        DeviceBuffer mk = DeviceData.upload(masked);
        DeviceBuffer in = DeviceBuffer.allocate(inFloats * 4);
        DeviceBuffer out = DeviceBuffer.allocate(2L * n * 4);
        DeviceBuffer timestep = DeviceBuffer.allocate(4);
        DeviceBuffer ring = DeviceData.upload(emptyRing);
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
        core.streamCopy(in.asFloats(), out.asFloats(), 2L * n);
        kernels.copyToStepSlot(x.asFloats(), ring.asFloats(), n, SLOTS, step);
        kernels.samplerStep(out.asFloats(), x.asFloats(), null, batch, n, true, guidance,
            planBytes, total, step, SEED);
        kernels.advance(step);
      };
      try (CapturedStep captured = new CapturedStep(stream.handle(), true, queue)) {
        int done = 0;
        for (int queued : QUEUED_BEFORE_WAIT) {
          for (int i = 0; i < queued; i++) {
            captured.launch();
          }
          done += queued;
          stream.synchronize();
          assertArrayEquals(bits(want[done - 1]), bits(DeviceData.floats(ring, SLOTS * n)),
              "ring after " + done + " steps");
        }
        assertTrue(captured.replaying(), "the later steps were replayed from the graph");
        assertNull(captured.captureFailure());
      }
      try (IntPointer host = new IntPointer(1)) {
        index.download(host, 4);
        assertEquals(total, host.get(0), "step index after the loop");
      }
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
