package org.segfill.engine.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A host session seen as a device session: enqueues run the session on the run's own buffers;
 * concurrent views let two generations' runs proceed side by side, as ONNX Runtime allows, while
 * one-at-a-time views make the second wait, as TensorRT does.
 */
class HostDeviceSessionTest {

  /** y = x + 1 over a float vector of any length. */
  private static final class PlusOne implements Session {
    @Override
    public List<TensorSpec> inputs() {
      return List.of(new TensorSpec("x", DType.FLOAT32, new long[] {-1}));
    }

    @Override
    public List<TensorSpec> outputs() {
      return List.of(new TensorSpec("y", DType.FLOAT32, new long[] {-1}));
    }

    @Override
    public Map<String, Tensor> run(Map<String, Tensor> inputs, Set<String> wanted) {
      float[] x = inputs.get("x").toFloatArray();
      float[] y = new float[x.length];
      for (int i = 0; i < x.length; i++) {
        y[i] = x[i] + 1;
      }
      return Map.of("y", Tensor.ofFloats(new long[] {y.length}, y));
    }

    @Override
    public void close() {}
  }

  @Test
  void anEnqueueRunsTheSessionOnTheRunsBuffers() {
    HostDeviceSession session = HostDeviceSession.concurrent(new PlusOne());
    try (DeviceRun run = session.prepare(Map.of("x", new long[] {3}), () -> false)) {
      run.input("x").put(new float[] {1, 2, 3});
      run.enqueue();
      float[] y = new float[3];
      run.output("y").get(y);
      assertArrayEquals(new float[] {2, 3, 4}, y);
      run.input("x").put(new float[] {10, 20, 30});
      run.enqueue();
      run.output("y").get(y);
      assertArrayEquals(new float[] {11, 21, 31}, y, "the same output buffer, refilled");
    }
    assertEquals(1, session.runsPrepared());
    assertEquals(2, session.enqueues());
  }

  @Test
  void concurrentRunsProceedSideBySide() throws Exception {
    HostDeviceSession session = HostDeviceSession.concurrent(new PlusOne());
    try (DeviceRun first = session.prepare(Map.of("x", new long[] {1}), () -> false)) {
      // Another generation's run while the first is open: prepared at once, not queued.
      CompletableFuture<Integer> second = CompletableFuture.supplyAsync(() -> {
        try (DeviceRun run = session.prepare(Map.of("x", new long[] {1}), () -> false)) {
          run.enqueue();
          return session.enqueues();
        }
      });
      assertEquals(1, second.get(5, TimeUnit.SECONDS));
    }
  }

  @Test
  void oneRunAtATimeMakesTheSecondWaitUntilItIsCancelled() {
    HostDeviceSession session = HostDeviceSession.oneRunAtATime(new PlusOne());
    try (DeviceRun first = session.prepare(Map.of("x", new long[] {1}), () -> false)) {
      long start = System.nanoTime();
      CompletableFuture<DeviceRun> second = CompletableFuture.supplyAsync(() -> session.prepare(
          Map.of("x", new long[] {1}), () -> System.nanoTime() - start > 100_000_000L));
      Exception e = assertThrows(Exception.class, () -> second.get(5, TimeUnit.SECONDS));
      assertEquals(CancellationException.class, e.getCause().getClass());
    }
  }

  @Test
  void aCancelledCallerGetsNoRun() {
    HostDeviceSession session = HostDeviceSession.concurrent(new PlusOne());
    assertThrows(CancellationException.class,
        () -> session.prepare(Map.of("x", new long[] {1}), () -> true));
    assertEquals(0, session.runsPrepared());
  }
}
