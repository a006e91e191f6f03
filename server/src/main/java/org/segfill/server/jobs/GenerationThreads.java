package org.segfill.server.jobs;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.segfill.os.ThreadNice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Threads of the generation lane, run at a lower CPU priority (nice {@value #NICE}) than the
 * HTTP and segmentation threads: under contention the scheduler gives a nice-0 thread about
 * three times the CPU of a nice-5 one, which helps a click during a long denoising step (the
 * segmentation lane's step gate only acts between steps). Not more: on a machine busy with
 * other nice-0 work a higher value starves generation (at nice 10 a job gets a tenth of the
 * share of each competing process). Native pools started from these threads (the SDXL
 * sessions' ONNX Runtime threads, OpenMP teams) inherit the value.
 */
public final class GenerationThreads implements ThreadFactory {

  /** The nice value of generation threads. */
  public static final int NICE = 5;

  private static final Logger LOG = LoggerFactory.getLogger(GenerationThreads.class);

  private final String prefix;
  private final AtomicInteger count = new AtomicInteger();
  private final AtomicBoolean warned = new AtomicBoolean();

  /** A factory of daemon threads named {@code prefix-N}. */
  public GenerationThreads(String prefix) {
    this.prefix = prefix;
  }

  @Override
  public Thread newThread(Runnable r) {
    Thread t = new Thread(() -> {
      lower();
      r.run();
    }, prefix + "-" + count.incrementAndGet());
    t.setDaemon(true);
    return t;
  }

  /**
   * Runs {@code task} on a new generation thread and waits for it: for creating native
   * sessions whose own threads should inherit the lower priority.
   */
  public <T> T call(Callable<T> task) throws Exception {
    FutureTask<T> future = new FutureTask<>(task);
    Thread t = newThread(future);
    t.start();
    try {
      return future.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof Exception ex) {
        throw ex;
      }
      throw (Error) cause;
    }
  }

  private void lower() {
    ThreadNice.lowerCurrentThread(NICE).ifPresent(why -> {
      if (warned.compareAndSet(false, true)) {
        LOG.warn("generation threads run at normal priority, so clicks share the CPU with"
            + " them: {}", why);
      }
    });
  }
}
