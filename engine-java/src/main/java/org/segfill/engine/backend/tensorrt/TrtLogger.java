package org.segfill.engine.backend.tensorrt;

import org.bytedeco.tensorrt.nvinfer.ILogger;

/**
 * The one TensorRT logger of the process. TensorRT keeps the first logger given to a builder or
 * runtime as its global logger for as long as any of them exists, and calls it from then on, so a
 * logger that is freed while another runtime or builder lives makes the next message call freed
 * memory. This one is made once and never freed (a static field holds it), and every runtime and
 * builder gets it. Errors reach the thread that caused them ({@link TrtMessages}).
 */
public final class TrtLogger extends ILogger {

  private static final class Holder {
    static final TrtLogger INSTANCE = new TrtLogger();
  }

  private final TrtMessages messages = new TrtMessages(System.getLogger("org.segfill.tensorrt"));

  private TrtLogger() {
    super();
  }

  /** The process-wide logger (loads TensorRT's bindings on first use). */
  public static TrtLogger instance() {
    return Holder.INSTANCE;
  }

  /** Called by TensorRT, possibly from its own threads. */
  @Override
  public void log(Severity severity, String message) {
    Severity s = severity.intern();
    if (s == Severity.kVERBOSE) {
      // A build logs hundreds of thousands of verbose lines; none is worth a log record.
      return;
    }
    TrtMessages.Level level = s == Severity.kINTERNAL_ERROR || s == Severity.kERROR
        ? TrtMessages.Level.ERROR
        : s == Severity.kWARNING ? TrtMessages.Level.WARNING : TrtMessages.Level.OTHER;
    messages.record(level, message);
  }

  /** Forgets the errors logged on this thread so far; call it as an operation starts. */
  public void forgetErrors() {
    messages.forget();
  }

  /**
   * The errors TensorRT logged on this thread since the last call (or forget), joined, or a
   * sentence saying there were none: what a failed call on this thread reports.
   */
  public String drainErrors() {
    return messages.drainErrors();
  }
}
