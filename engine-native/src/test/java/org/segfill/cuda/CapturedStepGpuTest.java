package org.segfill.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;
import org.bytedeco.cuda.cudart.CUstream_st;
import org.bytedeco.cuda.global.cudart;
import org.bytedeco.javacpp.IntPointer;
import org.junit.jupiter.api.Test;
import org.segfill.kernels.CoreKernels;
import org.segfill.kernels.KernelTarget;
import org.segfill.kernels.PlannedStepKernels;
import org.segfill.testing.RequiresCuda;

/**
 * Streams and captures on a real device. CudaStream makes non-blocking streams, and another
 * thread's kernel on the legacy default stream while one of them captures the step leaves the
 * capture intact. On a blocking stream the same kernel breaks the capture (the legacy stream
 * would have to wait for the capturing stream: cudaErrorStreamCaptureImplicit); the step is
 * then queued directly, so every step still runs exactly once: the step is one increment of a
 * device counter, which ends at the number of launches.
 */
@RequiresCuda
class CapturedStepGpuTest {

  private static final int STEPS = 6;
  private static final int FLOATS = 4096;

  /** What a run of STEPS launches left behind. */
  private record Outcome(int counter, boolean replaying, String captureFailure,
      Throwable legacyFailure) {}

  @Test
  void cudaStreamMakesNonBlockingStreams() {
    try (CudaStream stream = CudaStream.create()) {
      int[] flags = new int[1];
      CudaException.check("cudaStreamGetFlags", cudart.cudaStreamGetFlags(stream.handle(),
          flags));
      assertEquals(cudart.cudaStreamNonBlocking, flags[0] & cudart.cudaStreamNonBlocking);
    }
  }

  @Test
  void theLegacyStreamFromAnotherThreadLeavesANonBlockingCaptureIntact() {
    try (CudaStream stream = CudaStream.create()) {
      Outcome o = launchSteps(stream.handle());
      assertNull(o.legacyFailure(), "the other thread's kernel on the legacy stream");
      assertNull(o.captureFailure());
      assertTrue(o.replaying());
      assertEquals(STEPS, o.counter());
    }
  }

  @Test
  void aCaptureTheLegacyStreamBreaksFallsBackAndEveryStepRunsOnce() {
    CUstream_st blocking = new CUstream_st();
    CudaException.check("cudaStreamCreate", cudart.cudaStreamCreate(blocking));
    try {
      Outcome o = launchSteps(blocking);
      assertEquals(STEPS, o.counter(), "steps run: none lost with the capture, none twice");
      assertFalse(o.replaying());
      assertNotNull(o.captureFailure());
    } finally {
      CudaException.check("cudaStreamDestroy", cudart.cudaStreamDestroy(blocking));
    }
  }

  // STEPS launches of one increment; during the capture (the second launch) another thread
  // queues a copy on the legacy default stream and is joined before the increment is queued.
  private static Outcome launchSteps(CUstream_st stream) {
    try (DeviceBuffer counter = zeroInt();
        DeviceBuffer src = DeviceBuffer.allocate((long) FLOATS * Float.BYTES);
        DeviceBuffer dst = DeviceBuffer.allocate((long) FLOATS * Float.BYTES)) {
      PlannedStepKernels kernels = new PlannedStepKernels(KernelTarget.cuda(stream));
      AtomicReference<Throwable> legacyFailure = new AtomicReference<>();
      int[] queued = {0};
      Runnable queue = () -> {
        if (++queued[0] == 2) {
          Thread other = new Thread(() -> {
            try {
              new CoreKernels(KernelTarget.cuda(null)).streamCopy(src.asFloats(),
                  dst.asFloats(), FLOATS);
            } catch (RuntimeException e) {
              legacyFailure.set(e);
            }
          });
          other.start();
          joinUninterruptibly(other);
        }
        kernels.advance(counter.asInts());
      };
      boolean replaying;
      String failure;
      try (CapturedStep step = new CapturedStep(stream, true, queue)) {
        for (int k = 0; k < STEPS; k++) {
          step.launch();
        }
        CudaException.check("cudaStreamSynchronize", cudart.cudaStreamSynchronize(stream));
        replaying = step.replaying();
        failure = step.captureFailure();
      }
      CudaException.check("cudaStreamSynchronize(cudaStreamLegacy)",
          cudart.cudaStreamSynchronize(cudart.cudaStreamLegacy()));
      try (IntPointer host = new IntPointer(1)) {
        counter.download(host, Integer.BYTES);
        return new Outcome(host.get(0), replaying, failure, legacyFailure.get());
      }
    }
  }

  private static DeviceBuffer zeroInt() {
    DeviceBuffer buffer = DeviceBuffer.allocate(Integer.BYTES);
    try (IntPointer zero = new IntPointer(1)) {
      zero.put(0, 0);
      buffer.upload(zero, Integer.BYTES);
    }
    return buffer;
  }

  private static void joinUninterruptibly(Thread thread) {
    boolean interrupted = false;
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
