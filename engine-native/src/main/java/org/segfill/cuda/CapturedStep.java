package org.segfill.cuda;

import org.bytedeco.cuda.cudart.CUstream_st;
import org.segfill.kernels.KernelException;

/**
 * The work of one loop step, queued on a stream by a {@link Runnable}: queued directly on the
 * first call, captured into a CUDA graph on the second and replayed from that graph afterwards,
 * so each later step costs one {@code cudaGraphLaunch} instead of a launch per kernel. The first
 * call stays direct because TensorRT asks for one enqueue before a capture, so that its lazy
 * initialisation does not end up in the graph.
 *
 * <p>A replay repeats the arguments of the captured launches, so the work must take whatever
 * changes between steps from device memory (see {@code StepPlanKernels}). If the capture fails
 * (it cannot begin or end, the graph cannot be instantiated, or the work queued during it fails
 * because the capture was invalidated), nothing of the step has run: it is queued directly
 * instead, and from then on, and {@link #captureFailure()} says why. A sticky error, or a
 * failure of the work that has nothing to do with the capture, is thrown.
 */
public final class CapturedStep implements AutoCloseable {

  private static final int SUCCESS = 0;

  private final GraphCalls calls;
  private final Runnable queue;
  private boolean capture;
  private int launches;
  private boolean replaying;
  private String captureFailure;
  private boolean closed;

  /**
   * @param capturable whether everything {@code queue} enqueues may be captured (for TensorRT,
   *     {@code IExecutionContext::isStreamCapturable})
   */
  public CapturedStep(CUstream_st stream, boolean capturable, Runnable queue) {
    this(new CudartGraphCalls(stream), capturable, queue);
  }

  CapturedStep(GraphCalls calls, boolean capturable, Runnable queue) {
    this.calls = calls;
    this.capture = capturable;
    this.queue = queue;
  }

  /** Queues one step on the stream; returns without waiting for it. */
  public void launch() {
    if (closed) {
      throw new IllegalStateException("CapturedStep used after close()");
    }
    launches++;
    if (replaying) {
      replay();
    } else if (capture && launches >= 2 && tryCapture()) {
      replay();
    } else {
      queue.run();
    }
  }

  /** Whether steps are now replayed from the graph. */
  public boolean replaying() {
    return replaying;
  }

  /** Why the capture failed, or null. */
  public String captureFailure() {
    return captureFailure;
  }

  private void replay() {
    int status = calls.launch();
    if (status != SUCCESS) {
      throw new CudaException("cudaGraphLaunch", status, calls.describe(status));
    }
  }

  // Work queued during a capture is recorded, not run: whenever this returns false the step has
  // not run, and the caller queues it directly. The work makes no call that is illegal while
  // capturing (no synchronise, no allocation), so a capture fails only when something else
  // breaks it: e.g. a use of the legacy default stream while a blocking stream captures
  // (cudaErrorStreamCaptureImplicit, which the non-blocking streams of CudaStream rule out).
  private boolean tryCapture() {
    int began = calls.beginCapture();
    if (began != SUCCESS) {
      return giveUp("cudaStreamBeginCapture", began);
    }
    RuntimeException queueFailure = null;
    try {
      queue.run();
    } catch (RuntimeException e) {
      queueFailure = e;
    }
    // Always end the capture, so the stream leaves capture mode whatever happened in between.
    int ended = calls.endCapture();
    if (queueFailure != null) {
      if (ended == SUCCESS) {
        calls.discardCaptured();
      }
      return giveUpAfter(queueFailure, ended);
    }
    if (ended != SUCCESS) {
      return giveUp("cudaStreamEndCapture", ended);
    }
    int instantiated = calls.instantiate();
    if (instantiated != SUCCESS) {
      return giveUp("cudaGraphInstantiate", instantiated);
    }
    replaying = true;
    return true;
  }

  // The work failed while capturing. Its own status decides when it carries one (our kernels
  // return the launch's cudaError_t, 901 once the capture is invalidated); otherwise (TensorRT's
  // enqueueV3 only says false) the end of the capture does: 901 there means the capture, not the
  // work, broke. Anything else is the work's own failure and goes to the caller.
  private boolean giveUpAfter(RuntimeException queueFailure, int ended) {
    int status = cudaStatus(queueFailure);
    boolean captureBroke = status >= 0 ? CudaErrors.captureFailure(status)
        : CudaErrors.captureFailure(ended);
    if (!captureBroke) {
      throw queueFailure;
    }
    calls.clearLastError();
    capture = false;
    captureFailure = "the work queued during the capture failed: " + queueFailure.getMessage()
        + (ended == SUCCESS ? "" : "; cudaStreamEndCapture: " + text(ended));
    return false;
  }

  // A failed capture ran nothing, and its error is not sticky: cudaGetLastError clears it so
  // later calls do not report it. A sticky error is the device's, not the capture's: it goes on.
  private boolean giveUp(String call, int status) {
    if (CudaErrors.sticky(status)) {
      throw new CudaException(call, status, calls.describe(status));
    }
    calls.clearLastError();
    capture = false;
    captureFailure = call + " failed: " + text(status);
    return false;
  }

  private String text(int status) {
    return "cudaError " + status + " (" + calls.describe(status) + ")";
  }

  // The cudaError_t a failure carries, from our CUDA calls or our kernels, or -1.
  private static int cudaStatus(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof CudaException c) {
        return c.status();
      }
      if (t instanceof KernelException k) {
        return k.status();
      }
    }
    return -1;
  }

  /** Destroys the graph (the caller has synchronised the stream first). */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      calls.destroy();
    }
  }
}
