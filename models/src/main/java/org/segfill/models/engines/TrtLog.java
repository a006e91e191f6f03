package org.segfill.models.engines;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.tensorrt.nvinfer.ILogger;

/**
 * The builder's TensorRT logger: warnings and errors to stderr-bound System.Logger, errors kept
 * so a failed parse or build can say why. TensorRT may log from its own threads.
 */
final class TrtLog extends ILogger {

  private static final System.Logger LOG = System.getLogger("org.segfill.tensorrt.build");
  private final List<String> errors = new ArrayList<>();

  @Override
  public void log(Severity severity, String message) {
    Severity s = severity.intern();
    if (s == Severity.kERROR || s == Severity.kINTERNAL_ERROR) {
      synchronized (errors) {
        errors.add(message);
      }
      LOG.log(System.Logger.Level.ERROR, "TensorRT: {0}", message);
    } else if (s == Severity.kWARNING) {
      LOG.log(System.Logger.Level.WARNING, "TensorRT: {0}", message);
    }
  }

  /** The errors logged so far, joined, and forgets them. */
  String drain() {
    synchronized (errors) {
      String joined = errors.isEmpty() ? "no TensorRT error logged" : String.join("; ", errors);
      errors.clear();
      return joined;
    }
  }
}
