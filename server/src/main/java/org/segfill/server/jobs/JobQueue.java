package org.segfill.server.jobs;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.segfill.server.http.ApiException;
import org.segfill.server.metrics.Metrics;

/**
 * The generation lane: {@code concurrentJobs} workers and at most {@code queueLength} waiting
 * jobs. One more is refused at once with 429 and a {@code Retry-After} estimated from recent
 * job durations. A queued job is cancelled by taking it out of the queue; a running one by its
 * flag, which the denoising loop checks between steps.
 */
public final class JobQueue {

  private final ThreadPoolExecutor pool;
  private final JobRunner runner;
  private final Metrics metrics;
  private final int concurrentJobs;
  // Running plus waiting jobs admitted; at most concurrentJobs + queueLength.
  private final Semaphore slots;
  private record Pending(Job job, Runnable task) {}

  private final Map<String, Pending> waiting = new ConcurrentHashMap<>();
  private final Map<String, Job> running = new ConcurrentHashMap<>();
  // Exponentially weighted mean job duration, for Retry-After.
  private volatile double meanSeconds = 10;

  /** A lane of {@code concurrentJobs} workers and {@code queueLength} waiting slots. */
  public JobQueue(int concurrentJobs, int queueLength, JobRunner runner, Metrics metrics) {
    this.runner = runner;
    this.metrics = metrics;
    this.concurrentJobs = concurrentJobs;
    // Admission is counted here, not by a bounded executor queue: a job handed to a bounded
    // queue sits there until an idle worker wakes up to take it, and a second job arriving in
    // that moment was refused with 429 although a worker was free.
    slots = new Semaphore(concurrentJobs + queueLength);
    AtomicInteger n = new AtomicInteger();
    pool = new ThreadPoolExecutor(concurrentJobs, concurrentJobs, 0, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(),
        r -> {
          Thread t = new Thread(r, "segfill-job-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    // Idle workers wait on the queue, so a job is refused only when every slot is taken.
    pool.prestartAllCoreThreads();
  }

  /**
   * Queues {@code job}.
   *
   * @throws ApiException 429 with Retry-After when the queue is full
   */
  public void submit(Job job) {
    Runnable task = () -> {
      waiting.remove(job.id());
      running.put(job.id(), job);
      long start = System.nanoTime();
      try {
        runner.run(job);
      } finally {
        running.remove(job.id());
        slots.release();
        double seconds = (System.nanoTime() - start) / 1e9;
        meanSeconds = 0.7 * meanSeconds + 0.3 * seconds;
      }
    };
    if (!slots.tryAcquire()) {
      throw full();
    }
    waiting.put(job.id(), new Pending(job, task));
    job.queued();
    try {
      pool.execute(task);
    } catch (RejectedExecutionException e) {
      // Only after shutdown: the queue itself is unbounded.
      waiting.remove(job.id());
      slots.release();
      throw full();
    }
  }

  private ApiException full() {
    metrics.jobs().inc("rejected");
    return ApiException.busy("queue-full", "the generation queue is full (" + waiting()
        + " waiting, " + running() + " running); retry after the Retry-After seconds",
        retryAfterSeconds());
  }

  /**
   * Cancels {@code job}: a queued job ends at once; a running one stops at its next step.
   * Returns whether it ended here (it was still queued).
   */
  public boolean cancel(Job job) {
    job.requestCancel();
    Pending pending = waiting.get(job.id());
    return pending != null && dequeue(pending);
  }

  private boolean dequeue(Pending pending) {
    if (!pool.remove(pending.task())) {
      return false;
    }
    waiting.remove(pending.job().id());
    slots.release();
    pending.job().cancelled();
    metrics.jobs().inc("cancelled");
    return true;
  }

  /** Jobs waiting for a worker. */
  public int waiting() {
    return pool.getQueue().size();
  }

  /** Jobs running now. */
  public int running() {
    return running.size();
  }

  /**
   * Stops the lane: queued jobs are cancelled, running ones get {@code grace} to finish, then
   * are cancelled (which takes effect within one step) and awaited a little longer.
   */
  public void shutdown(Duration grace) {
    pool.shutdown();
    for (Pending pending : List.copyOf(waiting.values())) {
      pending.job().requestCancel();
      dequeue(pending);
    }
    try {
      if (!pool.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        running.values().forEach(Job::requestCancel);
        pool.awaitTermination(30, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private long retryAfterSeconds() {
    double estimate = meanSeconds * (waiting() + running() + 1) / concurrentJobs;
    return Math.max(1, Math.min(3600, (long) Math.ceil(estimate)));
  }
}
