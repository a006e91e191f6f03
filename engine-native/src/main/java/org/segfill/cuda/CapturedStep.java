package org.segfill.cuda;

import org.bytedeco.cuda.cudart.CUgraphExec_st;
import org.bytedeco.cuda.cudart.CUgraph_st;
import org.bytedeco.cuda.cudart.CUstream_st;
import org.bytedeco.cuda.global.cudart;

/**
 * The work of one loop step, queued on a stream by a {@link Runnable}: queued directly on the
 * first call, captured into a CUDA graph on the second and replayed from that graph afterwards,
 * so each later step costs one {@code cudaGraphLaunch} instead of a launch per kernel. The first
 * call stays direct because TensorRT asks for one enqueue before a capture, so that its lazy
 * initialisation does not end up in the graph.
 *
 * <p>A replay repeats the arguments of the captured launches, so the work must take whatever
 * changes between steps from device memory (see {@code StepPlanKernels}). If the capture fails,
 * the step is queued directly from then on and {@link #captureFailure()} says why.
 */
public final class CapturedStep implements AutoCloseable {

  private final CUstream_st stream;
  private final Runnable queue;
  private boolean capture;
  private int calls;
  private CUgraphExec_st graph;
  private String captureFailure;
  private boolean closed;

  /**
   * @param capturable whether everything {@code queue} enqueues may be captured (for TensorRT,
   *     {@code IExecutionContext::isStreamCapturable})
   */
  public CapturedStep(CUstream_st stream, boolean capturable, Runnable queue) {
    this.stream = stream;
    this.capture = capturable;
    this.queue = queue;
  }

  /** Queues one step on the stream; returns without waiting for it. */
  public void launch() {
    if (closed) {
      throw new IllegalStateException("CapturedStep used after close()");
    }
    calls++;
    if (graph != null) {
      // cudaGraphLaunch is ordered on the stream like the launches it replays; the buffers the
      // graph reads and writes are those bound at capture, which the caller keeps until close.
      CudaException.check("cudaGraphLaunch", cudart.cudaGraphLaunch(graph, stream));
    } else if (capture && calls >= 2 && tryCapture()) {
      CudaException.check("cudaGraphLaunch", cudart.cudaGraphLaunch(graph, stream));
    } else {
      queue.run();
    }
  }

  /** Whether steps are now replayed from the graph. */
  public boolean replaying() {
    return graph != null;
  }

  /** Why the capture failed, or null. */
  public String captureFailure() {
    return captureFailure;
  }

  // Thread-local capture mode: only this thread's CUDA calls are checked against the capture,
  // and the work queued here makes no call that is illegal while capturing (no synchronise, no
  // allocation). Work queued during a capture is recorded, not run.
  private boolean tryCapture() {
    CudaException.check("cudaStreamBeginCapture", cudart.cudaStreamBeginCapture(stream,
        cudart.cudaStreamCaptureModeThreadLocal));
    CUgraph_st captured = new CUgraph_st();
    RuntimeException queueFailure = null;
    try {
      queue.run();
    } catch (RuntimeException e) {
      queueFailure = e;
    }
    // Always end the capture, so the stream leaves capture mode whatever happened in between.
    int ended = cudart.cudaStreamEndCapture(stream, captured);
    if (queueFailure != null) {
      if (ended == cudart.cudaSuccess) {
        cudart.cudaGraphDestroy(captured);
      }
      throw queueFailure;
    }
    if (ended != cudart.cudaSuccess) {
      return giveUp("cudaStreamEndCapture", ended);
    }
    CUgraphExec_st exec = new CUgraphExec_st();
    int instantiated = cudart.cudaGraphInstantiate(exec, captured, 0L);
    // The executable graph does not depend on the graph it was instantiated from.
    cudart.cudaGraphDestroy(captured);
    if (instantiated != cudart.cudaSuccess) {
      return giveUp("cudaGraphInstantiate", instantiated);
    }
    graph = exec;
    return true;
  }

  // A failed capture ran nothing: the caller queues the step directly instead. The error of a
  // failed capture is not sticky; cudaGetLastError clears it so later calls do not report it.
  private boolean giveUp(String call, int status) {
    cudart.cudaGetLastError();
    capture = false;
    captureFailure = call + " failed: cudaError " + status + " ("
        + cudart.cudaGetErrorString(status).getString() + ")";
    return false;
  }

  /** Destroys the graph (the caller has synchronised the stream first). */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      if (graph != null) {
        cudart.cudaGraphExecDestroy(graph);
      }
    }
  }
}
