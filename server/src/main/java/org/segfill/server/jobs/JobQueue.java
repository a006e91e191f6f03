package org.segfill.server.jobs;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.segfill.server.http.ApiException;
import org.segfill.server.metrics.Metrics;

/**
 * The generation lane: {@code concurrentJobs} workers and at most {@code queueLength} waiting
 * jobs. One more is refused at once with 429 and a {@code Retry-After} estimated from recent
 * job durations. Workers run at a lower CPU priority ({@link GenerationThreads}) and, on the
 * CPU backend, let clicks go first between steps ({@link StepGate}). A queued job is cancelled
 * by taking it out of the queue; a running one by its flag, which the denoising loop checks
 * between steps.
 */
public final class JobQueue {

  private final ThreadPoolExecutor pool;
  private final JobRunner runner;
  private final Metrics metrics;
  private final int concurrentJobs;
  private final int capacity;
  private final AtomicInteger admitted = new AtomicInteger();
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
    this.capacity = concurrentJobs + queueLength;
    // The bound is kept by `admitted`, not by the executor's queue: a bounded hand-off queue
    // also refuses a job while an idle worker has not yet taken the previous one, so three quick
    // submissions to two idle workers and one slot could see a 429.
    pool = new ThreadPoolExecutor(concurrentJobs, concurrentJobs, 0, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), new GenerationThreads("segfill-job"));
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
        admitted.decrementAndGet();
        running.remove(job.id());
        double seconds = (System.nanoTime() - start) / 1e9;
        meanSeconds = 0.7 * meanSeconds + 0.3 * seconds;
      }
    };
    if (admitted.incrementAndGet() > capacity) {
      admitted.decrementAndGet();
      throw refused();
    }
    waiting.put(job.id(), new Pending(job, task));
    job.queued();
    try {
      pool.execute(task);
    } catch (RejectedExecutionException e) {
      // Shutting down.
      admitted.decrementAndGet();
      waiting.remove(job.id());
      throw refused();
    }
  }

  private ApiException refused() {
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
    admitted.decrementAndGet();
    waiting.remove(pending.job().id());
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
