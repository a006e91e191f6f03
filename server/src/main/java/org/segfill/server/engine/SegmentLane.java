package org.segfill.server.engine;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.segfill.server.http.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The segmentation lane: its own small pool and bounded queue for clicks and embedding
 * precomputes, so a click never waits behind a generation job. A full lane answers 429.
 *
 * <p>Clicks also come first on the CPU: on the {@code ort-cpu} backend a generation job calls
 * {@link #yieldToClicks} between denoising steps and waits there while a click is in flight (at
 * most {@link #MAX_YIELD_MS} per step, so a stream of clicks slows generation down but never
 * stops it). Without this, on a CPU backend two running jobs take the cores a click needs and
 * its latency grows by half. On a GPU backend jobs do not wait (see
 * {@code StepGate.forBackend}): a click runs on its own stream there.
 */
public final class SegmentLane implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SegmentLane.class);

  /** The longest a generation step waits for clicks to finish. */
  public static final long MAX_YIELD_MS = 100;

  private final ThreadPoolExecutor pool;
  private final Object clicksLock = new Object();
  private int clicks; // guarded by clicksLock

  /** A lane of {@code threads} threads and {@code queueLength} waiting tasks. */
  public SegmentLane(int threads, int queueLength) {
    AtomicInteger n = new AtomicInteger();
    pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(queueLength), r -> {
          Thread t = new Thread(r, "segfill-segment-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
  }

  /**
   * Runs {@code task} on the lane and waits for it.
   *
   * @throws ApiException 429 when the lane is full
   */
  public <T> T run(Callable<T> task) throws Exception {
    synchronized (clicksLock) {
      clicks++;
    }
    try {
      return runOnLane(task);
    } finally {
      synchronized (clicksLock) {
        if (--clicks == 0) {
          clicksLock.notifyAll();
        }
      }
    }
  }

  /**
   * Returns once no click is in flight, or after {@link #MAX_YIELD_MS}: called by generation
   * jobs between steps.
   */
  public void yieldToClicks() throws InterruptedException {
    long deadline = System.nanoTime() + MAX_YIELD_MS * 1_000_000;
    synchronized (clicksLock) {
      long left;
      while (clicks > 0 && (left = deadline - System.nanoTime()) > 0) {
        clicksLock.wait(Math.max(1, left / 1_000_000));
      }
    }
  }

  private <T> T runOnLane(Callable<T> task) throws Exception {
    Future<T> future;
    try {
      future = pool.submit(task);
    } catch (RejectedExecutionException e) {
      throw ApiException.busy("segment-queue-full", "the segmentation lane is full ("
          + pool.getQueue().size() + " clicks waiting); retry shortly", 1);
    }
    try {
      return future.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof Exception ex) {
        throw ex;
      }
      throw (Error) cause;
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw e;
    }
  }

  /** Runs {@code task} on the lane when there is room, and forgets it (best effort). */
  public void background(String what, Runnable task) {
    try {
      pool.execute(() -> {
        try {
          task.run();
        } catch (RuntimeException e) {
          LOG.warn("{} failed: {}", what, e.toString());
        }
      });
    } catch (RejectedExecutionException e) {
      LOG.debug("{} skipped: the segmentation lane is full", what);
    }
  }

  /** Tasks waiting for a thread. */
  public int waiting() {
    return pool.getQueue().size();
  }

  @Override
  public void close() {
    pool.shutdownNow();
    try {
      pool.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
