package org.segfill.server.jobs;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.segfill.engine.image.RgbImage;
import org.segfill.server.metrics.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encodes the step previews of every job of one server on one or two threads of its own, so
 * that the generation thread hands a preview over and goes on with the next step. Each running
 * job publishes through its own {@link JobOutbox} ({@link #outbox}), which keeps at most one
 * encode of the job queued or running here and drops previews that went stale meanwhile: the
 * work queued here is bounded by the number of running jobs, however slow the encoding.
 *
 * <p>Encoder threads are generation threads (nice {@value GenerationThreads#NICE}): a preview
 * is part of a generation and must not take the CPU from a click.
 */
public final class PreviewEncoder implements AutoCloseable {

  /** The most encoder threads: one job's encodes run one at a time anyway. */
  public static final int MAX_THREADS = 2;

  private static final Logger LOG = LoggerFactory.getLogger(PreviewEncoder.class);

  private final ThreadPoolExecutor pool;
  private final Function<RgbImage, String> encode;
  private final Counter outcomes;

  /**
   * An encoder of {@code threads} threads (1 to {@value #MAX_THREADS}) turning previews into
   * data URIs with {@code encode}, counting each preview's outcome in {@code outcomes} (labelled
   * {@code encoded}, {@code dropped} or {@code failed}).
   */
  public PreviewEncoder(int threads, Function<RgbImage, String> encode, Counter outcomes) {
    if (threads < 1 || threads > MAX_THREADS) {
      throw new IllegalArgumentException("threads must be in [1, " + MAX_THREADS + "], got "
          + threads);
    }
    this.encode = encode;
    this.outcomes = outcomes;
    // Unbounded in type only: each job has at most one task here at a time (see JobOutbox).
    pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), new GenerationThreads("segfill-preview"));
  }

  /**
   * The server's encoder: one thread per concurrent job, at most {@value #MAX_THREADS}, making
   * the small PNG data URIs of {@code Previews}.
   */
  public static PreviewEncoder forJobs(int concurrentJobs, Counter outcomes) {
    Previews previews = new Previews();
    return new PreviewEncoder(Math.max(1, Math.min(MAX_THREADS, concurrentJobs)),
        previews::dataUri, outcomes);
  }

  /** Where the running {@code job} publishes its events, in order, from now on. */
  public JobOutbox outbox(Job job) {
    return new JobOutbox(job, this);
  }

  /**
   * Queues {@code task} on an encoder thread; returns false when the encoder is closed, and then
   * runs nothing.
   */
  boolean submit(Runnable task) {
    try {
      pool.execute(task);
      return true;
    } catch (RejectedExecutionException e) {
      return false;
    }
  }

  /** {@code preview} as a data URI, or null (counted as failed) when the encoder throws. */
  String encode(RgbImage preview) {
    try {
      String uri = encode.apply(preview);
      outcomes.inc("encoded");
      return uri;
    } catch (RuntimeException e) {
      LOG.warn("a step preview could not be encoded; its step goes without one", e);
      outcomes.inc("failed");
      return null;
    }
  }

  /** Counts a preview dropped unencoded. */
  void dropped() {
    outcomes.inc("dropped");
  }

  /**
   * Encodes what is already queued, then stops (waiting at most 10 s): call it once the jobs
   * have ended, so that their last events go out. Previews handed over later are dropped.
   */
  @Override
  public void close() {
    pool.shutdown();
    try {
      if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
        LOG.warn("step previews still encoding after 10 s; leaving them");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
