package org.segfill.server.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A generation step waits while a click is in flight, at most {@code MAX_YIELD_MS}. */
@Timeout(30)
class SegmentLaneYieldTest {

  @Test
  void withNoClickInFlightAStepGoesOnAtOnce() throws Exception {
    try (SegmentLane lane = new SegmentLane(1, 4)) {
      assertEquals("done", lane.run(() -> "done"));
      long start = System.nanoTime();
      lane.yieldToClicks();
      assertTrue(ms(start) < 50, "waited " + ms(start) + " ms");
    }
  }

  @Test
  void aStepWaitsForTheClickInFlightAndGoesOnWhenItEnds() throws Exception {
    try (SegmentLane lane = new SegmentLane(1, 4)) {
      CountDownLatch running = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      CompletableFuture<String> click = click(lane, running, release);
      assertTrue(running.await(10, TimeUnit.SECONDS));
      Thread releaser = new Thread(() -> {
        sleep(10);
        release.countDown();
      });
      releaser.start();
      long start = System.nanoTime();
      lane.yieldToClicks();
      double waited = ms(start);
      assertEquals("mask", click.get(10, TimeUnit.SECONDS));
      assertTrue(waited >= 5 && waited < SegmentLane.MAX_YIELD_MS, "waited " + waited + " ms");
    }
  }

  @Test
  void aClickThatDoesNotEndHoldsAStepAtMostMaxYield() throws Exception {
    try (SegmentLane lane = new SegmentLane(1, 4)) {
      CountDownLatch running = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      CompletableFuture<String> click = click(lane, running, release);
      assertTrue(running.await(10, TimeUnit.SECONDS));
      long start = System.nanoTime();
      lane.yieldToClicks();
      double waited = ms(start);
      release.countDown();
      click.get(10, TimeUnit.SECONDS);
      assertTrue(waited >= SegmentLane.MAX_YIELD_MS - 1 && waited < 10 * SegmentLane.MAX_YIELD_MS,
          "waited " + waited + " ms");
    }
  }

  // On its own thread: a common-pool thread blocked in the lane could hold up the test's others.
  private static CompletableFuture<String> click(SegmentLane lane, CountDownLatch running,
      CountDownLatch release) {
    CompletableFuture<String> result = new CompletableFuture<>();
    new Thread(() -> {
      try {
        result.complete(lane.run(() -> {
          running.countDown();
          release.await();
          return "mask";
        }));
      } catch (Exception e) {
        result.completeExceptionally(e);
      }
    }).start();
    return result;
  }

  private static double ms(long start) {
    return (System.nanoTime() - start) / 1e6;
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
