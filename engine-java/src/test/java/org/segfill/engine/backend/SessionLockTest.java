package org.segfill.engine.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A session's lock: a waiter gets it when the holder lets go, stops waiting within 100 ms of its
 * cancel (or at once when interrupted) holding nothing, and a caller already cancelled does not
 * take even a free lock.
 */
class SessionLockTest {

  private final SessionLock lock = new SessionLock();
  // Daemon threads: a lock that ignored cancels would leave a waiter stuck, which must fail the
  // test, not keep the test JVM alive.
  private final ExecutorService threads = Executors.newFixedThreadPool(2, r -> {
    Thread t = new Thread(r, "session-lock-test");
    t.setDaemon(true);
    return t;
  });

  @AfterEach
  void stop() {
    threads.shutdownNow();
  }

  @Test
  void aWaiterGetsTheLockWhenTheHolderLetsGo() throws Exception {
    lock.lock();
    CountDownLatch waiting = new CountDownLatch(1);
    Future<?> waiter = threads.submit(() -> {
      lock.lockUnlessCancelled(() -> {
        waiting.countDown();
        return false;
      });
      lock.unlock();
    });
    assertTrue(waiting.await(5, TimeUnit.SECONDS));
    Thread.sleep(50);
    assertFalse(waiter.isDone(), "the waiter waits while the lock is held");
    lock.unlock();
    assertNull(waiter.get(5, TimeUnit.SECONDS));
  }

  @Test
  void aCancelEndsTheWaitWithin100MsAndLeavesNothingHeld() throws Exception {
    lock.lock();
    AtomicBoolean cancelled = new AtomicBoolean();
    AtomicInteger polls = new AtomicInteger();
    AtomicLong stoppedAt = new AtomicLong();
    Future<?> waiter = threads.submit(() -> {
      try {
        lock.lockUnlessCancelled(() -> {
          polls.incrementAndGet();
          return cancelled.get();
        });
      } finally {
        stoppedAt.set(System.nanoTime());
      }
    });
    // Waiting for real: the cancel has been polled in several slices of the wait.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (polls.get() < 3 && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    assertTrue(polls.get() >= 3, "polls while waiting: " + polls.get());
    long cancelAt = System.nanoTime();
    cancelled.set(true);
    ExecutionException e = assertThrows(ExecutionException.class,
        () -> waiter.get(5, TimeUnit.SECONDS));
    assertInstanceOf(CancellationException.class, e.getCause());
    assertEquals("cancelled while waiting for the session", e.getCause().getMessage());
    long ms = TimeUnit.NANOSECONDS.toMillis(stoppedAt.get() - cancelAt);
    assertTrue(ms < 100, "the wait ended " + ms + " ms after the cancel");
    lock.unlock();
    // The cancelled waiter holds nothing: another thread takes the lock at once.
    Future<Boolean> next = threads.submit(() -> {
      lock.lockUnlessCancelled(() -> false);
      lock.unlock();
      return true;
    });
    assertTrue(next.get(1, TimeUnit.SECONDS));
  }

  @Test
  void anInterruptEndsTheWaitAndKeepsTheInterruptStatus() throws Exception {
    lock.lock();
    CountDownLatch waiting = new CountDownLatch(1);
    AtomicReference<RuntimeException> thrown = new AtomicReference<>();
    AtomicBoolean stillInterrupted = new AtomicBoolean();
    Thread waiter = new Thread(() -> {
      try {
        lock.lockUnlessCancelled(() -> {
          waiting.countDown();
          return false;
        });
      } catch (RuntimeException e) {
        thrown.set(e);
      }
      stillInterrupted.set(Thread.currentThread().isInterrupted());
    });
    waiter.setDaemon(true);
    waiter.start();
    assertTrue(waiting.await(5, TimeUnit.SECONDS));
    waiter.interrupt();
    waiter.join(5_000);
    assertFalse(waiter.isAlive(), "the interrupted waiter stopped waiting");
    assertInstanceOf(CancellationException.class, thrown.get());
    assertEquals("interrupted while waiting for the session", thrown.get().getMessage());
    assertTrue(stillInterrupted.get());
    lock.unlock();
    Future<Boolean> next = threads.submit(() -> {
      lock.lockUnlessCancelled(() -> false);
      lock.unlock();
      return true;
    });
    assertTrue(next.get(1, TimeUnit.SECONDS), "the interrupted waiter holds nothing");
  }

  @Test
  void aCallerAlreadyCancelledDoesNotTakeAFreeLock() throws Exception {
    assertThrows(CancellationException.class, () -> lock.lockUnlessCancelled(() -> true));
    Future<Boolean> other = threads.submit(() -> {
      lock.lockUnlessCancelled(() -> false);
      lock.unlock();
      return true;
    });
    assertTrue(other.get(1, TimeUnit.SECONDS));
  }

  @Test
  void aHolderThatIsCancelledLaterStillReleasesOnUnlock() throws Exception {
    AtomicBoolean cancelled = new AtomicBoolean();
    lock.lockUnlessCancelled(cancelled::get);
    cancelled.set(true);
    lock.unlock();
    Future<Boolean> other = threads.submit(() -> {
      lock.lockUnlessCancelled(() -> false);
      lock.unlock();
      return true;
    });
    assertTrue(other.get(1, TimeUnit.SECONDS));
  }
}
