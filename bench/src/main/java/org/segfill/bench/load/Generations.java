package org.segfill.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Keeps {@code n} generation jobs in flight: each of {@code n} threads submits a job, polls it
 * until it ends, counts it if it finished, and submits the next, until closed; closing cancels
 * the jobs still in flight. The first failure's message is kept for the report.
 */
final class Generations implements AutoCloseable {

  private static final long POLL_MILLIS = 50;

  private final AtomicLong finished = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicReference<String> firstFailure = new AtomicReference<>();
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean stopping;

  private Generations() {}

  static Generations start(ServerClient client, Map<String, Object> job, int n) {
    Generations g = new Generations();
    for (int i = 0; i < n; i++) {
      Thread t = new Thread(() -> g.keepOneInFlight(client, job), "generation-" + i);
      t.setDaemon(true);
      g.threads.add(t);
      t.start();
    }
    return g;
  }

  /** Jobs that reached {@code succeeded} so far. */
  long finished() {
    return finished.get();
  }

  /** Jobs that ended otherwise, or could not be submitted or polled. */
  long failed() {
    return failed.get();
  }

  /** Why the first failed job failed, or null. */
  String firstFailure() {
    return firstFailure.get();
  }

  private void keepOneInFlight(ServerClient client, Map<String, Object> job) {
    while (!stopping) {
      String id = null;
      try {
        id = client.submitJob(job);
        String state = client.jobState(id);
        while (!stopping && (state.equals("queued") || state.equals("running"))) {
          Thread.sleep(POLL_MILLIS);
          state = client.jobState(id);
        }
        if (state.equals("succeeded")) {
          finished.incrementAndGet();
        } else if (!stopping) {
          failed.incrementAndGet();
          firstFailure.compareAndSet(null, "job " + id + " ended " + state);
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        failed.incrementAndGet();
        firstFailure.compareAndSet(null, e.getMessage());
        sleepQuietly();
      } finally {
        if (stopping && id != null) {
          client.cancel(id);
        }
      }
    }
  }

  private static void sleepQuietly() {
    try {
      Thread.sleep(POLL_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() throws InterruptedException {
    stopping = true;
    for (Thread t : threads) {
      t.join(10_000);
    }
  }
}
