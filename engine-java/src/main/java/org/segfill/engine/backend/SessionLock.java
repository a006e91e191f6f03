package org.segfill.engine.backend;

import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * The one-run-at-a-time lock of a session, whose wait a cancel can end. A device run holds its
 * session for a whole generation, so a second job would otherwise wait all of it out and only
 * then see its cancel; {@link #lockUnlessCancelled} waits in short slices instead and gives up
 * as soon as the job is cancelled or its thread interrupted. Reentrant, like the lock it wraps.
 *
 * <pre>{@code
 * lock.lockUnlessCancelled(job::cancelRequested);  // CancellationException: nothing is held
 * try {
 *   ...
 * } finally {
 *   lock.unlock();
 * }
 * }</pre>
 */
public final class SessionLock {

  /** How long one slice of the wait lasts: a cancel is seen within about this long. */
  static final long SLICE_MILLIS = 10;

  private final ReentrantLock lock = new ReentrantLock();

  /** Takes the lock, however long that takes (for calls that cannot be cancelled). */
  public void lock() {
    lock.lock();
  }

  /**
   * Takes the lock unless {@code cancelled} turns true first. It is polled before every slice of
   * the wait, so a caller already cancelled does not take even a free lock.
   *
   * @throws CancellationException once {@code cancelled} is true, or when the thread is
   *     interrupted while waiting (its interrupt status is kept); the lock is not held then
   */
  public void lockUnlessCancelled(BooleanSupplier cancelled) {
    try {
      while (!cancelled.getAsBoolean()) {
        if (lock.tryLock(SLICE_MILLIS, TimeUnit.MILLISECONDS)) {
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      CancellationException stopped =
          new CancellationException("interrupted while waiting for the session");
      stopped.initCause(e);
      throw stopped;
    }
    throw new CancellationException("cancelled while waiting for the session");
  }

  /** Releases one hold of the lock; the thread must hold it. */
  public void unlock() {
    lock.unlock();
  }

  /** Whether this thread holds the lock. */
  public boolean isHeldByCurrentThread() {
    return lock.isHeldByCurrentThread();
  }

  /** How many holds this thread has (0 when it holds none). */
  public int holdCount() {
    return lock.getHoldCount();
  }
}
