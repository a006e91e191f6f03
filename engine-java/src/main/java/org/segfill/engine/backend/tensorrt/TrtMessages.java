package org.segfill.engine.backend.tensorrt;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What TensorRT logs, routed: every warning and error to a System.Logger, and each error also to
 * the thread that caused it, so a failed call (which TensorRT reports only as a null or false)
 * can say why in its own words. TensorRT reports an API call's errors on the calling thread, and
 * there is one logger per process (see {@link TrtLogger}), so keying errors by thread is what
 * keeps two sessions' failures apart.
 */
final class TrtMessages {

  /** A message's weight, from TensorRT's ILogger::Severity. */
  enum Level {
    ERROR,
    WARNING,
    OTHER
  }

  /** Errors kept per thread between two drains. */
  static final int KEPT = 8;

  private final System.Logger log;
  private final ThreadLocal<Deque<String>> errors = ThreadLocal.withInitial(ArrayDeque::new);

  TrtMessages(System.Logger log) {
    this.log = log;
  }

  /** Records one message of TensorRT's, on the thread TensorRT logged it from. */
  void record(Level level, String message) {
    switch (level) {
      case ERROR -> {
        Deque<String> mine = errors.get();
        if (mine.size() == KEPT) {
          mine.removeFirst();
        }
        mine.addLast(message);
        log.log(System.Logger.Level.ERROR, "TensorRT: {0}", message);
      }
      case WARNING -> log.log(System.Logger.Level.WARNING, "TensorRT: {0}", message);
      case OTHER -> log.log(System.Logger.Level.DEBUG, "TensorRT: {0}", message);
    }
  }

  /**
   * Forgets the errors logged on this thread so far: TensorRT logs some errors without failing
   * the call, and an operation about to start must not report those as its own.
   */
  void forget() {
    errors.get().clear();
  }

  /**
   * The errors TensorRT logged on this thread since the last drain or forget, joined, or a
   * sentence saying there were none.
   */
  String drainErrors() {
    Deque<String> mine = errors.get();
    if (mine.isEmpty()) {
      return "no TensorRT error logged on this thread";
    }
    String joined = String.join("; ", mine);
    mine.clear();
    return joined;
  }
}
