package org.segfill.engine.backend.tensorrt;

import java.util.ArrayDeque;
import java.util.Deque;
import org.bytedeco.tensorrt.nvinfer.ILogger;

/**
 * TensorRT's logger: warnings and errors go to the JVM's System.Logger, and the last errors are
 * kept so a failed call (which TensorRT reports only as a null or false) can say why. TensorRT
 * may call {@code log} from its own threads, hence the synchronisation.
 */
public final class TrtLogger extends ILogger {

  private static final int KEPT = 8;

  private final System.Logger log;
  private final Deque<String> errors = new ArrayDeque<>();

  /** A logger for the runtime ({@code org.segfill.tensorrt}). */
  public TrtLogger() {
    this("org.segfill.tensorrt");
  }

  /** A logger writing to the System.Logger named {@code name}. */
  public TrtLogger(String name) {
    this.log = System.getLogger(name);
  }

  @Override
  public void log(Severity severity, String message) {
    Severity s = severity.intern();
    if (s == Severity.kINTERNAL_ERROR || s == Severity.kERROR) {
      synchronized (errors) {
        if (errors.size() == KEPT) {
          errors.removeFirst();
        }
        errors.addLast(message);
      }
      log.log(System.Logger.Level.ERROR, "TensorRT: {0}", message);
    } else if (s == Severity.kWARNING) {
      log.log(System.Logger.Level.WARNING, "TensorRT: {0}", message);
    }
  }

  /** The errors logged since the last call, joined, or "no TensorRT error logged". */
  public String drainErrors() {
    synchronized (errors) {
      String joined = errors.isEmpty() ? "no TensorRT error logged" : String.join("; ", errors);
      errors.clear();
      return joined;
    }
  }
}
