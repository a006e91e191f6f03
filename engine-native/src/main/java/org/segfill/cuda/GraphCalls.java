package org.segfill.cuda;

/**
 * The CUDA calls a {@link CapturedStep} makes on its stream, each returning its cudaError_t: the
 * seam between the step's decisions (capture, replay, fall back, fail) and the runtime, so the
 * decisions are tested on the CPU with a scripted stand-in. {@link CudartGraphCalls} is the
 * real one. An instance serves one stream on one thread and holds at most one captured graph and
 * one executable graph.
 */
interface GraphCalls {

  /** cudaStreamBeginCapture in thread-local mode. */
  int beginCapture();

  /**
   * cudaStreamEndCapture: always takes the stream out of capture mode; on success keeps the
   * captured graph for {@link #instantiate} or {@link #discardCaptured}.
   */
  int endCapture();

  /** cudaGraphInstantiate of the captured graph, which is then destroyed (on success or not). */
  int instantiate();

  /** cudaGraphDestroy of a captured graph that will not be instantiated; no-op without one. */
  void discardCaptured();

  /** cudaGraphLaunch of the executable graph on the stream. */
  int launch();

  /** cudaGetLastError: returns the calling thread's last error and resets it to cudaSuccess. */
  int clearLastError();

  /** cudaGetErrorString of {@code status}. */
  String describe(int status);

  /** cudaGraphExecDestroy of the executable graph, if there is one. */
  void destroy();
}
