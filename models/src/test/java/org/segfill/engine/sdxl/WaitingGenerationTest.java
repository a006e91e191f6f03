package org.segfill.engine.sdxl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.segfill.engine.backend.DeviceRun;
import org.segfill.engine.backend.HostDeviceSession;
import org.segfill.engine.inpaint.RepaintShape;
import org.segfill.engine.inpaint.Target;
import org.segfill.engine.sdxl.scheduler.Sampler;

/**
 * Two generations on one device-resident UNet, on the CPU through {@link HostDeviceSession}
 * (which serves one run at a time, as the TensorRT session does): while job A holds the UNet,
 * job B waits for it; a cancel of B ends B's wait at once with CancellationException, without B
 * ever running the UNet, and A then completes with the bytes it has when it runs alone.
 */
class WaitingGenerationTest {

  private static CountedUnetPipeline fixture;

  // Daemon threads: a wait a cancel cannot end must fail the test, not hang the test JVM.
  private final ExecutorService jobs = Executors.newFixedThreadPool(2, r -> {
    Thread t = new Thread(r, "generation-job");
    t.setDaemon(true);
    return t;
  });

  @BeforeAll
  static void open() throws IOException {
    fixture = CountedUnetPipeline.open();
  }

  @AfterAll
  static void close() {
    fixture.close();
  }

  @AfterEach
  void stopJobs() {
    jobs.shutdownNow();
  }

  private static InpaintRequest request() {
    return new InpaintRequest(Target.BACKGROUND, "red bricks", "blurry", 5, 9, 0.99, 7, 1,
        Sampler.EULER_ANCESTRAL, Region.FULL, RepaintShape.DEFAULT, false);
  }

  private Future<Generation> start(ProgressListener progress, BooleanSupplier cancelled) {
    return jobs.submit(() -> fixture.generate(request(), progress, cancelled));
  }

  @Test
  void cancellingAJobWaitingForTheUnetEndsItAtOnceAndTheRunningJobCompletesUnchanged()
      throws Exception {
    byte[] alone = fixture.generate(request(), ProgressListener.NONE,
        () -> false).variants().get(0).image().rgb();

    // Job A reports its first step, then holds there (and so holds the UNet) until released.
    CountDownLatch aHoldsTheUnet = new CountDownLatch(1);
    CountDownLatch releaseA = new CountDownLatch(1);
    Future<Generation> a = start(p -> {
      if (p.step() == 1) {
        aHoldsTheUnet.countDown();
        awaitUninterruptibly(releaseA);
      }
    }, () -> false);
    AtomicBoolean cancelB = new AtomicBoolean();
    try {
      assertTrue(aHoldsTheUnet.await(60, TimeUnit.SECONDS), "job A reached its first step");
      int enqueuedByA = fixture.unet.enqueues();

      Future<Generation> b = start(ProgressListener.NONE, cancelB::get);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (fixture.unet.waiting() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(1);
      }
      assertEquals(1, fixture.unet.waiting(), "job B waits for the UNet");
      Thread.sleep(100);
      assertFalse(b.isDone(), "job B still waits while job A holds the UNet");

      long cancelAt = System.nanoTime();
      cancelB.set(true);
      ExecutionException e = assertThrows(ExecutionException.class,
          () -> b.get(5, TimeUnit.SECONDS));
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - cancelAt);
      assertInstanceOf(CancellationException.class, e.getCause());
      assertTrue(ms < 250, "job B ended " + ms + " ms after its cancel");
      assertEquals(0, fixture.unet.waiting());
      assertEquals(enqueuedByA, fixture.unet.enqueues(), "job B never ran the UNet");
      assertFalse(a.isDone(), "job A is still held at its first step");
    } finally {
      // Whatever failed above, A finishes and lets go of the UNet (the pipeline's close waits).
      cancelB.set(true);
      releaseA.countDown();
    }
    Generation done = a.get(120, TimeUnit.SECONDS);
    assertArrayEquals(alone, done.variants().get(0).image().rgb(),
        "job A's fixture.image is the one it makes alone");
  }

  @Test
  void aRunCancelledAfterItGotTheUnetStillReleasesItOnClose() throws Exception {
    AtomicBoolean cancelled = new AtomicBoolean();
    Map<String, long[]> shapes = Map.of("timestep", new long[0]);
    DeviceRun run = fixture.unet.prepare(shapes, cancelled::get);
    cancelled.set(true);
    run.close();
    run.close();
    AtomicLong tookMs = new AtomicLong();
    Future<?> next = jobs.submit(() -> {
      long t0 = System.nanoTime();
      fixture.unet.prepare(shapes, () -> false).close();
      tookMs.set(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    });
    next.get(5, TimeUnit.SECONDS);
    assertTrue(tookMs.get() < 100, "the next run waited " + tookMs.get() + " ms");
  }

  private static void awaitUninterruptibly(CountDownLatch latch) {
    boolean interrupted = false;
    while (true) {
      try {
        latch.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
