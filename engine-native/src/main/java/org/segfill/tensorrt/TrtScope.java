package org.segfill.tensorrt;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Owners closed in the reverse order they were added: what TensorRT requires of objects made
 * from one another (an execution context before its engine, the engine before its runtime; the
 * parser before its network, the network before its builder). Closing goes on past a failure and
 * rethrows the first one with the others suppressed.
 */
public final class TrtScope implements AutoCloseable {

  private final Deque<AutoCloseable> owned = new ArrayDeque<>();

  /** Adds an owner; it is closed before every owner added earlier. */
  public <C extends AutoCloseable> C add(C owner) {
    owned.push(owner);
    return owner;
  }

  /** Closes the owners, newest first. */
  @Override
  public void close() {
    RuntimeException first = null;
    while (!owned.isEmpty()) {
      try {
        owned.pop().close();
      } catch (Exception e) {
        RuntimeException wrapped = e instanceof RuntimeException r ? r
            : new IllegalStateException("closing a TensorRT owner failed", e);
        if (first == null) {
          first = wrapped;
        } else {
          first.addSuppressed(wrapped);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
